#!/usr/bin/env node
import { runCliAsync } from './commands.js';

// A closed pipe (`immunosteward profile … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const result = await runCliAsync(process.argv.slice(2));
if (result) {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
