import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findClauseRefs, findControlRefs, normaliseControlId } from '../../server/src/core/controlRef';

const ids = (text: string) => findControlRefs(text).map((r) => `${r.id}${r.kind === 'control' ? '' : `:${r.kind}`}`);
const spans = (text: string) => findControlRefs(text).filter((r) => !r.inRange).map((r) => text.slice(r.span.start, r.span.end));

test('recognises the forms people write', () => {
  for (const [text, expected] of [
    ['Access follows A.5.15.', ['A.5.15']],
    ['- A 5.15 — Access Control', ['A.5.15']],
    ['see Annex A 5.15 and Annex A.5.16', ['A.5.15', 'A.5.16']],
    ['**A.5.15** applies', ['A.5.15']],
    ['ISO/IEC 27001:2022 A.5.15', ['A.5.15']],
    ['ISO 27001:2022 control 5.18', ['A.5.18']],
    ['Control A.8.31 covers it', ['A.8.31']],
    ['| A.8.2 | Privileged access rights |', ['A.8.2']],
    ['zero-padded A.05.01', ['A.5.1']],
    ['namespaced iso27001:A.5.1', ['A.5.1']],
    ['Maßnahme 5.15 und 5.16', ['A.5.15', 'A.5.16']],
  ] as const) assert.deepEqual(ids(text), expected, text);
});

test('bare IDs only after a prefix, in lists', () => {
  assert.deepEqual(ids('controls 5.15, 5.16 and 8.2'), ['A.5.15', 'A.5.16', 'A.8.2']);
  assert.deepEqual(spans('controls 5.15, 5.16 and 8.2'), ['5.15', '5.16', '8.2']);
});

test('ranges reference every ID in them', () => {
  assert.deepEqual(ids('A.5.15-A.5.18'), ['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18']);
  assert.deepEqual(ids('A.5.15–18'), ['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18']);
  assert.deepEqual(ids('A.5.19 through A.5.23'), ['A.5.19', 'A.5.20', 'A.5.21', 'A.5.22', 'A.5.23']);
  const inRange = findControlRefs('A.5.15-A.5.18').filter((r) => r.inRange);
  assert.equal(inRange.length, 2);
});

test('2013 controls and objectives', () => {
  assert.deepEqual(ids('A.9.2.3 and A.9.2'), ['A.9.2.3:legacy', 'A.9.2:objective']);
  assert.deepEqual(ids('A.9.2.1–A.9.2.3'), ['A.9.2.1:legacy', 'A.9.2.2:legacy', 'A.9.2.3:legacy']);
});

test('unknown IDs only when clearly meant as Annex A', () => {
  assert.deepEqual(ids('A.8.35 and A.5.38'), ['A.8.35:unknown', 'A.5.38:unknown']);
  assert.deepEqual(ids('see appendix A.1.2 and A.4.1'), []);
  assert.deepEqual(ids('A 5.99'), [], 'a weak form must name a known control');
  assert.deepEqual(ids('controls 5.99'), []);
});

test('not a control reference: headings, clauses, versions, dates, URLs', () => {
  for (const text of ['### 8.2 Password rules', 'clause 6.1', 'ISO 27001 5.2', 'version 1.4', 'on 2024.01.02', 'https://x.example/A.5.1', 'control 9.1', 'A5.1 paper', 'ORP.4.A1']) {
    assert.deepEqual(ids(text), [], text);
  }
});

test('clause references', () => {
  assert.deepEqual(findClauseRefs('clause 6.1.3 and ISO 27001 9.2, Clause 4').map((c) => c.id), ['6.1.3', '9.2', '4']);
  assert.deepEqual(findClauseRefs('clause 11.2'), []);
});

test('normaliseControlId', () => {
  assert.equal(normaliseControlId('5.15'), 'A.5.15');
  assert.equal(normaliseControlId('A 5.15'), 'A.5.15');
  assert.equal(normaliseControlId('A.05.01'), 'A.5.1');
  assert.equal(normaliseControlId('Annex A.5.1'), 'A.5.1');
  assert.equal(normaliseControlId('iso27001:A.5.1'), 'A.5.1');
  assert.equal(normaliseControlId('hello'), undefined);
});

test('a reference is found when only its start lies before the end of the searched range', () => {
  // Lines are searched only when they hold "digit.digit"; here that part lies after `to`.
  const text = 'bis 5.9iso27k:A.5.1-';
  assert.deepEqual(findControlRefs(text, 10, 15).map((r) => [r.id, r.span.start]), [['A.5.1', 14]]);
});

test('lines without a number are skipped, lines with one are searched from their start', () => {
  const text = 'Policy text without numbers.\nSee Annex A 5.15 and A.8.2.\n\nControls: 8.24\n';
  assert.deepEqual(findControlRefs(text).map((r) => text.slice(r.span.start, r.span.end)), ['Annex A 5.15', 'A.8.2', '8.24']);
  assert.deepEqual(findControlRefs(text, 0, text.length, [{ start: 29, end: 56 }]).map((r) => r.id), ['A.8.24']);
});
