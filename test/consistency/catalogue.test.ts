// The catalogue against the verified reference facts: counts, new controls, mapping both ways,
// and (when ../shared/reference is beside the repo) byte-for-byte the same source tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { catalogue } from '../../server/src/core/catalogue';

test('93 controls: 37 organizational, 8 people, 14 physical, 34 technological', () => {
  assert.equal(catalogue.controls.length, 93);
  const byTheme = (t: string) => catalogue.controls.filter((c) => c.theme === t).length;
  assert.deepEqual([byTheme('Organizational'), byTheme('People'), byTheme('Physical'), byTheme('Technological')], [37, 8, 14, 34]);
});

test('11 controls are new in 2022, exactly those without a predecessor', () => {
  const fresh = catalogue.controls.filter((c) => c.isNew).map((c) => c.number);
  assert.deepEqual(fresh, ['5.7', '5.23', '5.30', '7.4', '8.9', '8.10', '8.11', '8.12', '8.16', '8.23', '8.28']);
  assert.ok(catalogue.controls.every((c) => c.isNew === (c.predecessors.length === 0)));
});

test('114 controls of 2013, every mapping holds both ways', () => {
  assert.equal(catalogue.legacy.length, 114);
  for (const l of catalogue.legacy) {
    assert.ok(l.successors.length > 0, l.id);
    for (const s of l.successors) assert.ok(catalogue.control(s)?.predecessors.includes(l.id), `${l.id} -> ${s}`);
  }
  for (const c of catalogue.controls) for (const p of c.predecessors) assert.ok(catalogue.legacyControl(p)?.successors.includes(c.id), `${c.id} <- ${p}`);
  assert.equal(catalogue.legacy.reduce((n, l) => n + l.successors.length, 0), 115);
});

test('41 clauses and sub-clauses from 4 to 10.2', () => {
  assert.equal(catalogue.clauses.length, 41);
  assert.equal(catalogue.clauses[0].id, '4');
  assert.equal(catalogue.clauses.at(-1)!.id, '10.2');
});

test('the shipped fact tables equal the verified reference data', (t) => {
  const shared = path.resolve('../shared/reference');
  if (!existsSync(shared)) return t.skip('../shared/reference is not beside this checkout');
  for (const f of ['annex-a-2022.csv', 'annex-a-2013.csv', 'clauses-2022.csv']) {
    assert.equal(readFileSync(path.join('catalogue/data', f), 'utf8'), readFileSync(path.join(shared, f), 'utf8'), f);
  }
});
