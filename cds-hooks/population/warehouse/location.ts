import { dirname, join } from 'node:path';
import { loadConfigFile } from '../../config/file.js';
import { isPostgresUrl } from '../../store/open.js';

export const WAREHOUSE_FILE = 'population.duckdb';

/**
 * The warehouse beside the service's other files: in the directory of the feedback store that
 * `IMMUNOSTEWARD_CONFIG` names (a SQLite file), else in `dataDir` (the embedded demo's). Throws
 * `ConfigFileError` for an invalid configuration file.
 */
export function defaultWarehouseFile(env: NodeJS.ProcessEnv, dataDir: string): string {
  const configFile = env.IMMUNOSTEWARD_CONFIG;
  if (configFile) {
    const store = loadConfigFile(configFile).feedback.store;
    if (!isPostgresUrl(store) && store !== ':memory:') return join(dirname(store), WAREHOUSE_FILE);
  }
  return join(dataDir, WAREHOUSE_FILE);
}
