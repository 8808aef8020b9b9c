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

/** Русский каталог: каждый ключ английского каталога, переведённый для врача. */
export const RU: Catalog = {
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
