// The scope index answers "what cites this control" two ways: from the whole map (views,
// code lenses) or for one control without building the map (hovers, re-checks after an edit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogue } from '../../server/src/core/catalogue';
import { indexFor } from '../../server/src/core/diagnostics';
import { workspaceOf } from '../helpers';

const EXAMPLE = 'examples/acme-isms';
const files: Record<string, string> = {};
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files[relative(EXAMPLE, p)] = readFileSync(p, 'utf8');
  }
};
walk(EXAMPLE);

test('citationsOf(id) gives what the full citation map gives, for every control', () => {
  const ids = [...catalogue.controls.map((c) => c.id), 'A.9.2.3', 'A.99.1'];
  const lazy = workspaceOf(files);
  const one = indexFor(lazy.ws, lazy.uri('soa.yaml'));
  const answers = ids.map((id) => one.citationsOf(id));
  const full = workspaceOf(files);
  const map = indexFor(full.ws, full.uri('soa.yaml')).citations;
  assert.deepEqual(answers, ids.map((id) => map.get(id) ?? []));
  assert.ok(answers.some((list) => list.some((c) => c.via === 'policy')) && answers.some((list) => list.some((c) => c.via === 'risk')));
  // Once the map exists, it answers.
  assert.deepEqual(ids.map((id) => one.citationsOf(id)), answers);
  void one.citations;
  assert.deepEqual(ids.map((id) => one.citationsOf(id)), answers);
});
