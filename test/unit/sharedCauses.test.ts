// The cases of issue 17 end to end (import, then check), on files written for it in
// test/fixtures/noise: the Problems panel shows one entry per real problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { measure, REPO } from '../noise/measure';

test('an imported SoA, no risk register yet, seven physical exclusions for one specific reason: one finding', async () => {
  const counts = await measure({ name: 'premises', kind: 'spreadsheet', path: path.join(REPO, 'test/fixtures/noise/premises-csv/statement-of-applicability.csv') });
  assert.deepEqual(counts, { 'soa/applicable-without-risk (warning)': 1 });
});

test('applicable controls that link their risks and share one sentence: the deliberate mistakes and one hint', async () => {
  const counts = await measure({ name: 'linked', kind: 'folder', path: path.join(REPO, 'test/fixtures/noise/linked-risks') });
  assert.deepEqual(counts, {
    'ref/unknown-control (error)': 1, // A.8.35
    'ref/unknown-risk (error)': 1,
    'risk/untreated (warning)': 1,
    'soa/excluded-without-justification (error)': 1, // A.7.6 "N/A"
    'soa/missing-control (error)': 1, // A.5.6
    'soa/repeated-justification (hint)': 1, // 86 traceable controls, one sentence
    'soa/repeated-justification (warning)': 1, // A.8.30 template wording
    'soa/status-conflict (error)': 1, // A.7.4
  });
});
