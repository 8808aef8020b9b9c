import type { Catalog } from '../translator.js';
import { admin } from './admin.js';
import { app } from './app.js';
import { cards } from './cards.js';
import { cli } from './cli.js';
import { common } from './common.js';
import { knowledge } from './knowledge.js';
import { landing } from './landing.js';
import { playground } from './playground.js';
import { profile } from './profile.js';
import { rules } from './rules.js';

/** The Uzbek catalog (Latin script, official orthography: oʻ gʻ with U+02BB, tutuq belgisi ʼ U+02BC). */
export const UZ: Catalog = {
  ...common,
  ...knowledge,
  ...profile,
  ...rules,
  ...cards,
  ...app,
  ...playground,
  ...admin,
  ...landing,
  ...cli,
};
