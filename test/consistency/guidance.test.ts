// Our guidance: every control and clause has every section, nothing trivially short, related
// IDs exist, and no paragraph is pasted across controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue } from '../../server/src/core/catalogue';

const words = (s: string) => s.trim().split(/\s+/).length;

test('every control has intent, steps, evidence, gaps, related controls and a policy hint', () => {
  for (const c of catalogue.controls) {
    const g = c.guidance;
    assert.ok(g, `${c.id} has no guidance`);
    assert.ok(words(g.intent) >= 8, `${c.id} intent too short`);
    assert.ok(g.implement.length >= 3 && g.implement.length <= 6, `${c.id} needs 3-6 steps`);
    assert.ok(g.evidence.length >= 2 && g.evidence.length <= 5, `${c.id} needs 2-5 evidence items`);
    assert.ok(g.gaps.length >= 2 && g.gaps.length <= 4, `${c.id} needs 2-4 gaps`);
    for (const item of [...g.implement, ...g.evidence, ...g.gaps]) assert.ok(words(item) >= 4, `${c.id}: "${item}" is trivially short`);
    assert.ok(g.related.length >= 1, `${c.id} lists no related control`);
    for (const r of g.related) assert.ok(catalogue.control(r) && r !== c.id, `${c.id}: related ${r} is unknown`);
    assert.ok(words(g.policy) >= 2, `${c.id} policy hint`);
    if (c.isNew) assert.ok(words(g.changes) >= 8, `${c.id} is new in 2022 and needs a note on what changed`);
  }
});

test('every clause and sub-clause has a summary', () => {
  for (const c of catalogue.clauses) {
    assert.ok(c.guidance, `clause ${c.id}`);
    assert.ok(words(c.guidance.summary) >= 25, `clause ${c.id} summary too short`);
    assert.ok(Array.isArray(c.guidance.documents));
  }
});

test('no paragraph or item appears twice', () => {
  const seen = new Map<string, string>();
  const add = (owner: string, text: string) => {
    const key = text.toLowerCase().replace(/\W+/g, ' ').trim();
    const prior = seen.get(key);
    assert.ok(!prior || prior === owner, `"${text.slice(0, 60)}..." appears in ${prior} and ${owner}`);
    seen.set(key, owner);
  };
  for (const c of catalogue.controls) {
    const g = c.guidance!;
    for (const t of [g.intent, ...g.implement, ...g.evidence, ...g.gaps, g.changes].filter(Boolean)) add(c.id, t);
  }
  for (const c of catalogue.clauses) add(`clause ${c.id}`, c.guidance!.summary);
});

test('the guidance does not echo the standard\'s requirement phrasing', () => {
  for (const c of catalogue.controls) {
    const g = c.guidance!;
    for (const t of [g.intent, ...g.implement]) assert.doesNotMatch(t, /\bthe organization shall\b/i, c.id);
  }
});

// One spelling everywhere, British as in the README. Only words that are American in every sense
// are listed (not "license" or "program", which British English uses too). Product names that
// contain one are taken out first.
const PRODUCT_NAMES = ['Security Command Center', 'IAM Identity Center', 'Identity Center', 'AWS Organizations', 'AWS Artifact', 'Artifact Registry'];
const AMERICAN = new RegExp(
  '\\b(?:' +
    [
      '\\w+izations?', // organization, authorization, pseudonymization ...
      '(?:organiz|authoriz|analyz|prioritiz|minimiz|maximiz|recogniz|centraliz|normaliz|standardiz|customiz|summariz|utiliz|optimiz|categoriz|pseudonymiz|anonymiz|tokeniz|synchroniz|parameteriz|apologiz|emphasiz|criticiz)\\w*',
      '(?:behavior|color|favor|honor|neighbor|rumor|endeavor)\\w*',
      'centers?|defense|catalogs?|artifacts?|enroll|enrolls|enrollments?|modeling|modeled|traveled|traveling|labeled|labeling|canceled|canceling|fulfill|fulfills|fulfillment|judgment|gray|acknowledgment',
    ].join('|') +
    ')\\b',
  'gi',
);

export function americanSpellings(text: string): string[] {
  let prose = text;
  for (const name of PRODUCT_NAMES) prose = prose.split(name).join(' ');
  return prose.match(AMERICAN) ?? [];
}

test('the spelling check finds American spellings and leaves British ones and product names alone', () => {
  assert.deepEqual(americanSpellings('The organization must authorize and analyze the center of behavior, then prioritize and minimize.'), ['organization', 'authorize', 'analyze', 'center', 'behavior', 'prioritize', 'minimize']);
  assert.deepEqual(americanSpellings('Enroll devices; tokenization in the data center; a defense catalog.'), ['Enroll', 'tokenization', 'center', 'defense', 'catalog']);
  assert.deepEqual(americanSpellings('The organisation must authorise and analyse the centre of behaviour; enrol devices; licence and programme; size, seize, prize.'), []);
  assert.deepEqual(americanSpellings('Use Security Command Center, IAM Identity Center, AWS Organizations and AWS Artifact.'), []);
});

test('guidance uses British spelling throughout', () => {
  const found: string[] = [];
  const check = (owner: string, text: string) => {
    for (const word of americanSpellings(text)) found.push(`${owner}: ${word}`);
  };
  for (const c of catalogue.controls) {
    const g = c.guidance!;
    for (const t of [g.intent, ...g.implement, ...g.evidence, ...g.gaps, g.policy, g.changes]) check(c.id, t);
  }
  for (const c of catalogue.clauses) for (const t of [c.guidance!.summary, ...c.guidance!.documents]) check(`clause ${c.id}`, t);
  assert.deepEqual(found, []);
});
