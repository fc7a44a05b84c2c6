// Runs one engine's in-process measurements in a fresh Node process, so that neither the
// benchmark client's heap nor the other engine's modules and JIT state affect them.
// Usage: node inprocess-child.mjs ours|peer <work dir> <repo>; reads <work dir>/inprocess-input.json
// and prints the results as JSON on stdout.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCore, oursInProcess, peerInProcess, peerSchemaPath } from './inprocess.mjs';

const [engine, work, repo] = process.argv.slice(2);
const { gen, opts } = JSON.parse(readFileSync(path.join(work, 'inprocess-input.json'), 'utf8'));
const log = (...a) => console.error(...a);
let result;
if (engine === 'ours') {
  try {
    const core = await loadCore(repo, work);
    result = await oursInProcess(core, gen, opts, log);
  } catch (e) {
    result = { error: e instanceof Error ? e.message : String(e) };
  }
} else {
  result = await peerInProcess(gen, peerSchemaPath(repo), opts);
}
process.stdout.write(JSON.stringify(result));
