// Robustness: random and mutated documents of every kind never make the core throw, every range
// lies inside its document, and the same input always gives the same findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/text';
import type { Range } from '../../server/src/core/types';
import { RISKS, soaText, workspaceOf } from '../helpers';

const EX = 'examples/acme-isms';
const SEEDS: Record<string, string> = {
  'soa.yaml': readFileSync(`${EX}/soa.yaml`, 'utf8'),
  'risks.yaml': readFileSync(`${EX}/risks.yaml`, 'utf8'),
  'policies/p.md': readFileSync(`${EX}/policies/access-control.md`, 'utf8'),
  'isms.config.yaml': readFileSync(`${EX}/isms.config.yaml`, 'utf8'),
};
const NASTY = [
  '\u0000', '\uFEFF', '\r\n', '\r', '\t', '\u2028', '\uD800', '💥', '&a ', '*a ', '<<: *a', '---\n', '```', '~~~', '<!--', '-->', '[', '{', ']', '}', ':', '- ', '"', "'", '|', '>', '#', '%YAML 1.2\n',
  'A.5.15', 'A.9.2.3', 'A.8.35', 'controls 5.15, 5.16 and 8.2', 'A.5.15-A.5.18', 'clause 6.1.3', 'R-001', '\n  A.5.1:\n    applicable: maybe\n',
];

const mutation = (seed: string) => fc.array(fc.record({
  at: fc.nat(), del: fc.nat({ max: 40 }),
  ins: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 8 })),
}), { maxLength: 6 }).map((edits) => edits.reduce((t, e) => {
  const at = e.at % (t.length + 1);
  return t.slice(0, at) + e.ins + t.slice(at + e.del);
}, seed));

const special = [
  '['.repeat(5000) + ']'.repeat(5000),
  'controls:\n' + '  '.repeat(2000) + 'x: 1\n',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + Array.from({ length: 15 }, (_, i) => `${'b' + i}: &${'b' + i} [${Array(9).fill(i ? `*b${i - 1}` : '*a').join(',')}]`).join('\n') + '\ncontrols:\n  A.5.1:\n    risks: *b14\n',
  'x'.repeat(300_000),
  '---\ntitle: never closed\ncontrols: [A.5.1\n',
  '```\nA.5.1 unterminated fence\n',
  SEEDS['soa.yaml'].replace(/\n/g, '\r\n'),
  '\uFEFF' + SEEDS['policies/p.md'],
  'controls:\n  A.5.1:\n    applicable: true\n  A.5.1:\n    applicable: false\n',
];

function inside(range: Range, text: string): boolean {
  const lines = new LineIndex(text);
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineText(p.line).length;
  return ok(range.start) && ok(range.end) && (range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character));
}

function exercise(path: string, text: string): string {
  const files = { 'soa.yaml': soaText(), 'risks.yaml': RISKS, [path]: text };
  const { service, uri } = workspaceOf(files);
  const u = uri(path);
  const findings = service.check(u);
  for (const f of findings) assert.ok(inside(f.range, text), `${f.code} range outside the document`);
  const lines = new LineIndex(text);
  for (const line of [0, Math.floor(lines.lineCount / 2), lines.lineCount - 1]) {
    const pos = { line, character: Math.min(4, lines.lineText(line).length) };
    service.hover(u, pos);
    for (const c of service.complete(u, pos)) assert.ok(inside(c.range, text), 'completion range');
    service.definition(u, pos);
    service.references(u, pos);
  }
  for (const l of service.links(u)) assert.ok(inside(l.range, text), 'link range');
  service.documentSymbols(u);
  service.codeLenses(u);
  service.quickFixes(u, findings);
  return JSON.stringify(findings);
}

test('mutated documents of every kind: no exception, ranges inside, deterministic', () => {
  for (const [path, seed] of Object.entries(SEEDS)) {
    fc.assert(fc.property(mutation(seed), (text) => {
      assert.equal(exercise(path, text), exercise(path, text));
    }), { numRuns: 12, seed: 7 });
  }
});

test('random text of every kind', () => {
  fc.assert(fc.property(fc.constantFrom(...Object.keys(SEEDS)), fc.string({ unit: 'grapheme', maxLength: 400 }), (path, text) => {
    exercise(path, text);
  }), { numRuns: 60, seed: 11 });
});

test('deep nesting, alias bombs, huge lines, CRLF, BOM, unterminated blocks, duplicate keys', () => {
  for (const text of special) for (const path of Object.keys(SEEDS)) exercise(path, text);
});
