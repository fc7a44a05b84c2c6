// Incremental SoA parsing must give exactly what a full parse gives, edit after edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseSoa, type Soa } from '../../server/src/core/soa';
import { controlsLayout, parseSoaIncremental, type SoaChunkCache } from '../../server/src/core/soaIncremental';
import { soaText } from '../helpers';

const EXAMPLE = readFileSync('examples/acme-isms/soa.yaml', 'utf8');

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
    ins: fc.constantFrom('', 'x', ' ', '\n', '\n  A.5.99:\n    applicable: true\n', '#', ': ', '- ', '    status: planned\n', '"', '[', 'N/A', '\n    reasons: [risk, legal]'),
  }), { minLength: 1, maxLength: 8 });
  fc.assert(fc.property(fc.constantFrom(EXAMPLE, soaText()), edits, (base, steps) => {
    const cache: SoaChunkCache = new Map();
    let text = base;
    assert.deepEqual(view(parseSoaIncremental(text, cache)), view(parseSoa(text)));
    for (const s of steps) {
      const at = s.at % (text.length + 1);
      text = text.slice(0, at) + s.ins + text.slice(at + s.del);
      assert.deepEqual(view(parseSoaIncremental(text, cache)), view(parseSoa(text)), `after editing at ${at}`);
    }
  }), { numRuns: 40, seed: 42 });
});

test('list form with bare IDs', () => {
  const list = 'standard: ISO/IEC 27001:2022\ncontrols:\n  - id: 5.1\n    applicable: true\n  - id: 5.10\n    status: planned\nrisk-register: risks.yaml\n';
  const cache: SoaChunkCache = new Map();
  assert.deepEqual(view(parseSoaIncremental(list, cache)), view(parseSoa(list)));
  assert.deepEqual(parseSoaIncremental(list, cache).entries.map((e) => e.id), ['A.5.1', 'A.5.10']);
});
