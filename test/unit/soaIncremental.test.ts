// Incremental SoA parsing must give exactly what a full parse gives, edit after edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseSoa, type Soa } from '../../server/src/core/soa';
import { commonEnds, controlsLayout, parseSoaIncremental, SoaParseMemory } from '../../server/src/core/soaIncremental';
import { soaText } from '../helpers';

const EXAMPLE = readFileSync('examples/acme-isms/soa.yaml', 'utf8');
/** List form with header fields after the block, comments and blank lines between entries. */
const LIST = 'standard: ISO/IEC 27001:2022\ncontrols:\n  # people\n  - id: A.6.1\n    applicable: true\n    reasons: [legal]\n\n  - id: A.6.2\n    applicable: false\n    justification: No staff.\n  - id: A.6.3\n    status: planned\nrisk-register: risks.yaml\nowner: CISO\n';

/** The observable model: entries with every field and span, header values, form, and whether it parsed. */
const view = (s: Soa) => ({
  ok: s.errors.length === 0,
  form: s.form,
  header: [...s.header].map(([k, v]) => [k, v.value, v.span]),
  controlsKey: s.controlsKey,
  entries: s.errors.length ? [] : s.entries.map((e) => ({ ...e, fieldKeys: [...e.fieldKeys] })),
});

test('the example and the fixtures take the incremental path', () => {
  assert.ok(controlsLayout(EXAMPLE));
  assert.ok(controlsLayout(soaText()));
  assert.equal(controlsLayout('controls: {A.5.1: {}}\n'), undefined, 'flow style falls back');
  assert.equal(controlsLayout('a: &x [1]\ncontrols:\n  A.5.1:\n    risks: *x\n'), undefined, 'aliases fall back');
});

test('equals a full parse after every edit of a sequence of random edits', () => {
  const edits = fc.array(fc.record({
    at: fc.nat(),
    del: fc.nat({ max: 12 }),
    ins: fc.constantFrom('', 'x', ' ', '  ', '\n', '\n  A.5.99:\n    applicable: true\n', '#', ': ', '- ', '    status: planned\n', '"', '[', 'N/A', '\n    reasons: [risk, legal]', '  - id: A.5.2\n', 'controls:\n', '---\n', '&a ', '\t'),
  }), { minLength: 1, maxLength: 12 });
  fc.assert(fc.property(fc.constantFrom(EXAMPLE, soaText(), LIST), edits, (base, steps) => {
    const cache = new SoaParseMemory();
    let text = base;
    assert.deepEqual(view(parseSoaIncremental(text, cache)), view(parseSoa(text)));
    for (const s of steps) {
      const at = s.at % (text.length + 1);
      text = text.slice(0, at) + s.ins + text.slice(at + s.del);
      assert.deepEqual(view(parseSoaIncremental(text, cache)), view(parseSoa(text)), `after editing at ${at}`);
    }
  }), { numRuns: 150, seed: 42 });
});

test('an edit inside one entry reuses the entries before it and re-parses only that entry', () => {
  const memory = new SoaParseMemory();
  const before = parseSoaIncremental(EXAMPLE, memory);
  const at = EXAMPLE.indexOf('justification:', EXAMPLE.indexOf('A.5.15:')) + 'justification: '.length;
  const edited = EXAMPLE.slice(0, at) + 'Really. ' + EXAMPLE.slice(at);
  const after = parseSoaIncremental(edited, memory);
  const i = after.entries.findIndex((e) => e.id === 'A.5.15');
  assert.ok(after.entries.slice(0, i).every((e, k) => e === before.entries[k]), 'earlier entries are the same objects');
  assert.match(after.entries[i].justification!.value, /^Really\. /);
  assert.equal(after.entries[i + 1].span.start, before.entries[i + 1].span.start + 'Really. '.length);
  assert.deepEqual(view(after), view(parseSoa(edited)));
});

test('commonEnds finds the longest common prefix and suffix without overlap', () => {
  fc.assert(fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 3000 }), (pre, x, y, suf) => {
    const a = pre + x + suf;
    const b = pre + y + suf;
    const { prefix, suffix } = commonEnds(a, b);
    assert.equal(a.slice(0, prefix), b.slice(0, prefix));
    assert.equal(a.slice(a.length - suffix), b.slice(b.length - suffix));
    assert.ok(prefix + suffix <= Math.min(a.length, b.length));
    assert.ok(prefix >= pre.length);
    const longer = prefix < Math.min(a.length, b.length) - suffix && a[prefix] === b[prefix];
    assert.ok(!longer, 'the prefix is maximal');
  }), { numRuns: 300, seed: 7 });
});

test('list form with bare IDs', () => {
  const list = 'standard: ISO/IEC 27001:2022\ncontrols:\n  - id: 5.1\n    applicable: true\n  - id: 5.10\n    status: planned\nrisk-register: risks.yaml\n';
  const cache = new SoaParseMemory();
  assert.deepEqual(view(parseSoaIncremental(list, cache)), view(parseSoa(list)));
  assert.deepEqual(parseSoaIncremental(list, cache).entries.map((e) => e.id), ['A.5.1', 'A.5.10']);
});
