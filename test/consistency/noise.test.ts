// docs/noise.md against the checker: no SoA of the corpus (imported with the current importer),
// no issue-17 case and not the example may get more warnings of a code than the table says, and
// every warning left has a judgement. Runs on the copies in test/fixtures/corpus, so it needs no
// ../shared. When it fails: `npm run noise -- --write`, then judge the new rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { measure, REPO, subjects } from '../noise/measure';
import { NOISE_DOC, parseTable } from '../noise/table';

const rows = parseTable(readFileSync(NOISE_DOC, 'utf8'));

test('docs/noise.md has a row for every measured SoA and a judgement for every warning left', () => {
  const names = new Set(rows.map((r) => r.subject));
  for (const s of subjects(path.join(REPO, 'test/fixtures/corpus'))) assert.ok(names.has(s.name), `docs/noise.md has no row for ${s.name}`);
  for (const r of rows.filter((x) => x.severity === 'warning' && x.after > 0)) {
    assert.ok(r.judgement && !/^TODO/i.test(r.judgement), `judge ${r.subject} ${r.code} in docs/noise.md`);
  }
});

for (const s of subjects(path.join(REPO, 'test/fixtures/corpus'))) {
  test(`no more warnings than docs/noise.md records: ${s.name}`, async () => {
    const counts = await measure(s);
    if (!counts) return;
    for (const [key, n] of Object.entries(counts)) {
      const m = /^(.*) \(warning\)$/.exec(key);
      if (!m) continue;
      const documented = rows.find((r) => r.subject === s.name && r.code === m[1] && r.severity === 'warning')?.after ?? 0;
      assert.ok(n <= documented, `${s.name}: ${n} ${m[1]} warning(s), docs/noise.md records ${documented}. Run \`npm run noise -- --write\` and judge the new rows.`);
    }
  });
}
