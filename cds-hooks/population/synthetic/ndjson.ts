import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';

/**
 * Writes patients' records as Bulk Data output: one `{Type}.ndjson` per resource type, one resource
 * per line, streamed (a write waits when the file's buffer is full, so memory stays bounded).
 * Returns the count of resources per type.
 */
export async function writeNdjson(dir: string, patients: Iterable<Resource[]>): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, WriteStream>();
  const counts: Record<string, number> = {};
  try {
    for (const record of patients) {
      for (const resource of record) {
        const type = resource.resourceType;
        let file = files.get(type);
        if (!file) {
          file = createWriteStream(join(dir, `${type}.ndjson`));
          files.set(type, file);
        }
        counts[type] = (counts[type] ?? 0) + 1;
        if (!file.write(`${JSON.stringify(resource)}\n`)) await once(file, 'drain');
      }
    }
  } finally {
    await Promise.all([...files.values()].map((f) => new Promise((resolve) => f.end(resolve))));
  }
  return counts;
}
