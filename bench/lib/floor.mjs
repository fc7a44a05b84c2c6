// The physical floor for `check`, run as its own fresh Node process: list every file under a
// folder, read each Markdown and YAML file, and find every control ID with one regular
// expression. No parsing, no rules: what any checker of these files must at least do.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ID = /\bA\.\d{1,2}\.\d{1,2}\b/g;
let files = 0;
let ids = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (/\.(md|ya?ml)$/.test(e.name)) {
      files++;
      ids += readFileSync(full, 'utf8').match(ID)?.length ?? 0;
    }
  }
};
walk(process.argv[2]);
process.stdout.write(`${files} files, ${ids} IDs\n`);
