// spanCursor answers "which skipped span holds this offset" for increasing offsets; it must agree
// with testing every span, also when spans nest or overlap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { spanCursor } from '../../server/src/core/text';

test('spanCursor agrees with a search of every span, for any spans sorted by start', () => {
  const span = fc.tuple(fc.nat(200), fc.nat(60)).map(([start, length]) => ({ start, end: start + length }));
  fc.assert(fc.property(fc.array(span, { maxLength: 12 }), fc.uniqueArray(fc.nat(280), { maxLength: 40 }), (raw, rawOffsets) => {
    const spans = [...raw].sort((a, b) => a.start - b.start);
    const offsets = [...rawOffsets].sort((a, b) => a - b);
    const at = spanCursor(spans);
    for (const o of offsets) assert.equal(!!at(o), spans.some((s) => s.start <= o && o < s.end), `offset ${o} in ${JSON.stringify(spans)}`);
  }), { numRuns: 500, seed: 11 });
});
