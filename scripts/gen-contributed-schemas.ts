// Writes what scripts/contributed-schemas.ts renders, touching only files whose text changed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderContributedSchemas } from './contributed-schemas';

const repo = resolve(__dirname, '../..');
for (const [path, text] of renderContributedSchemas(repo)) {
  const file = join(repo, path);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
  writeFileSync(file, text);
  console.log(`gen-contributed-schemas: wrote ${path}`);
}
