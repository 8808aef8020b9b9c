import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configurationReference } from '../../../src/core/config/reference.js';
import { defaultSiteConfig, validateSiteConfig } from '../../../src/core/config/schema.js';
import { translator } from '../../../src/core/messages/translator.js';
import { RULE_IDS } from '../../../src/core/rules/ids.js';

const root = new URL('../../../', import.meta.url);
const example = parseYaml(readFileSync(new URL('immunosteward.example.yaml', root), 'utf8'));
const reference = configurationReference(example);

/** The body of one key's entry: from its heading to the next heading. */
function entry(path: string): string {
  const start = reference.indexOf(`### \`${path}\`\n`);
  if (start === -1) throw new Error(`no entry for ${path}`);
  const next = reference.slice(start + 4).search(/\n##+ /);
  return reference.slice(start, next === -1 ? undefined : start + 4 + next);
}

/** Leaf key paths of a parsed configuration, rule ids written `<rule id>` as the reference does. */
function leafPaths(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0)
    return [path];
  return Object.entries(value).flatMap(([key, child]) => {
    const step = path === 'rules' && (RULE_IDS as readonly string[]).includes(key) ? '<rule id>' : key;
    return leafPaths(child, path ? `${path}.${step}` : step);
  });
}

/** Every `yaml` example block with the heading of the key it illustrates. */
function examples(): { path: string; yaml: string }[] {
  const found: { path: string; yaml: string }[] = [];
  for (const match of reference.matchAll(
    /### `([^`]+)`\n(?:(?!\n##)[\s\S])*?- \*\*Example:\*\*\n\n {2}```yaml\n([\s\S]*?)\n {2}```/g,
  )) {
    const [, path, block] = match as unknown as [string, string, string];
    found.push({ path, yaml: block.replace(/^ {2}/gm, '') });
  }
  return found;
}

describe('configuration reference', () => {
  it('docs/configuration.md is the generated reference', () => {
    const committed = readFileSync(new URL('docs/configuration.md', root), 'utf8');
    expect(committed === reference, 'docs/configuration.md is stale: run npm run docs:config').toBe(true);
  });

  it('documents every key the schema fills in, and every top-level section with an introduction', () => {
    const defaults = defaultSiteConfig();
    const documented = (path: string) =>
      reference.includes(`### \`${path}\`\n`) || reference.includes(`\n## ${path}\n`);
    const missing = [...new Set(leafPaths(defaults))].filter((path) => !documented(path));
    expect(missing).toEqual([]);
    for (const section of Object.keys(defaults)) {
      expect(reference).toMatch(new RegExp(`## ${section}\\n\\n[A-Z]`));
    }
  });

  it('gives type, bounds, default and description of a key', () => {
    const port = entry('server.port');
    expect(port).toContain('TCP port (the `PORT` environment variable overrides it).');
    expect(port).toContain('- **Type:** integer');
    expect(port).toContain('- **Allowed:** 0 to 65535');
    expect(port).toContain('- **Default:** `8080`');
    expect(entry('biomarkers.staleAfterDays')).toContain('- **Allowed:** > 0');
    expect(entry('thresholds.liveVaccine.chemoAfterDays')).toContain('- **Allowed:** ≥ 0');
    expect(entry('auth.algorithms')).toContain('one of `ES384`, `RS384`, `ES256`, `RS256`, `ES512`, `RS512`, `PS384`');
    expect(entry('auth.algorithms')).toContain('at least 1 item');
    expect(entry('auth.algorithms')).toContain('- **Default:** `["ES384","RS384"]`');
    expect(entry('app.linkType')).toContain('- **Allowed:** one of `smart`, `absolute`');
    // The catalog's sourced threshold is the default.
    expect(entry('thresholds.deficit.neutrophils')).toContain('- **Default:** `1500`');
    expect(entry('thresholds.deficit.iggMgDl')).toContain('- **Default:** not set');
    // `.int()` bounds are not bounds anyone sets.
    expect(reference).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });

  it('renders lists of objects, mappings and the per-rule keys readably', () => {
    expect(entry('auth.trustedIssuers')).toContain('- **Type:** list of objects (keys below)');
    expect(entry('auth.trustedIssuers[].iss')).toContain('- **Default:** none: required');
    expect(entry('auth.trustedIssuers[].jwksUrl')).toContain('- **Type:** URL');
    const maxDays = entry('thresholds.courses.maxDays');
    expect(maxDays).toContain('- **Type:** mapping from class id to integers');
    expect(maxDays).toContain('- **Allowed:** each value: > 0');
    const rules = entry('rules.<rule id>');
    for (const id of RULE_IDS) expect(rules).toContain(`- \`${id}\`: ${translator().t(`ruleTitle.${id}`)}`);
    expect(entry('rules.<rule id>.indicator')).toContain('one of `info`, `warning`, `critical`');
    expect(reference).not.toContain('### `rules.booster-not-indicated');
  });

  it('lists the environment variables and the ids that keys refer to', () => {
    expect(reference).toContain('| `IMMUNOSTEWARD_CONFIG` |');
    expect(reference).toContain('| `PORT` | Overrides `server.port`');
    expect(reference).toContain('`cd19` (CD19 B cells, absolute)');
    expect(reference).toMatch(/\| `bacterial-lysate` \| Bacterial lysates \| .*`om-85`/);
  });

  it('takes examples from the example configuration, and every example is a valid configuration', () => {
    expect(entry('server.publicUrl')).toContain('publicUrl: https://cds.hospital.example.org');
    expect(entry('rules.<rule id>.enabled')).toContain('nutrient-excess:\n      enabled: false');
    const all = examples();
    const keys = [...reference.matchAll(/- \*\*Default:\*\*/g)].length;
    expect(all.length).toBe(keys);
    // A key inside a list item needs its siblings (`iss`) to be valid: checked with the whole item.
    for (const { path, yaml } of all.filter((e) => !e.path.includes('[]'))) {
      const result = validateSiteConfig(parseYaml(yaml));
      expect('errors' in result ? { path, errors: result.errors } : path).toBe(path);
    }
  });

  it('falls back to the default, then to a value of the right type, without an example file', () => {
    const bare = configurationReference({});
    expect(bare).toContain('  ```yaml\n  server:\n    port: 8080\n  ```');
    expect(bare).toContain('  ```yaml\n  thresholds:\n    deficit:\n      iggMgDl: 1\n  ```');
  });
});
