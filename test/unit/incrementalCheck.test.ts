// What a document remembers between versions (parsed entries, the similarity graph of
// justifications) must never change a finding: after every edit of a random sequence, checking
// the edited SoA in a long-lived workspace gives exactly what a fresh workspace gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { workspaceOf } from '../helpers';

const EXAMPLE = 'examples/acme-isms';
const files = Object.fromEntries(['soa.yaml', 'risks.yaml', 'isms.config.yaml', 'policies/access-control.md'].map((f) => [f, readFileSync(`${EXAMPLE}/${f}`, 'utf8')]));
// The edits below paste texts on controls of one theme, which may share a specific reason by
// default: judge every shared text, so that the grouping itself is what the tests see.
files['isms.config.yaml'] += 'justification:\n  families: []\n';
/** The controls that soa/repeated-justification findings are about (a hint or a warning). */
const affected = (fs: { code: string; data?: Record<string, unknown> }[]) => fs.filter((f) => f.code === 'soa/repeated-justification').flatMap((f) => (f.data?.affected as string[] | undefined) ?? []).sort();
const SOA = files['soa.yaml'];
const PASTED = 'Not relevant to our organisation because we do not do this kind of work here.';
const NEARLY = 'Not relevant to our organisation because we do not do this type of work here.';
/** A chain: each is nearly the same as the next (Dice 0.9), but the first and last are not (0.8). */
const CHAIN = [
  'Our warehouse staff never handle customer payment cards because finance outsources billing entirely to an accredited external provider under contract.',
  'Our office staff rarely handle customer payment cards because finance outsources billing entirely to an accredited external provider under contract.',
  'Our office staff rarely handle client payment cards because finance outsources billing completely to an accredited external provider under contract.',
];

test('checking after edits in a long-lived workspace equals checking the same text fresh', () => {
  const lines = SOA.split('\n');
  const justificationLines = lines.flatMap((l, i) => (l.startsWith('    justification:') ? [i] : []));
  const edit = fc.record({
    line: fc.constantFrom(...justificationLines),
    text: fc.constantFrom(PASTED, NEARLY, 'TBD', 'Short.', 'A specific reason: our only office is a rented desk in a co-working space.', PASTED + ' Really.', ...CHAIN, ...CHAIN, CHAIN[0], CHAIN[2]),
    flip: fc.boolean(),
  });
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
    const live = workspaceOf(files);
    const current = [...lines];
    let version = 1;
    live.service.check(live.uri('soa.yaml'));
    for (const e of edits) {
      current[e.line] = `    justification: ${e.text}`;
      if (e.flip) {
        const applicable = current.findIndex((l, i) => i > e.line - 8 && i < e.line && l.startsWith('    applicable:'));
        if (applicable >= 0) current[applicable] = current[applicable].endsWith('true') ? '    applicable: false' : '    applicable: true';
      }
      const text = current.join('\n');
      live.ws.set(live.uri('soa.yaml'), text, ++version);
      const fresh = workspaceOf({ ...files, 'soa.yaml': text });
      assert.deepEqual(live.service.check(live.uri('soa.yaml')), fresh.service.check(fresh.uri('soa.yaml')));
    }
  }), { numRuns: 15, seed: 3 });
});

test('a pasted justification spreading over more controls is reported on all of them', () => {
  const { service, ws, uri } = workspaceOf(files);
  const repeated = () => affected(service.check(uri('soa.yaml'))).length;
  const before = repeated();
  let text = SOA;
  let version = 1;
  const counts: number[] = [];
  for (const id of ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4']) {
    const at = text.indexOf('justification:', text.indexOf(`  ${id}:\n`));
    const end = text.indexOf('\n', at);
    text = `${text.slice(0, at)}justification: ${id === 'A.5.3' ? NEARLY : PASTED}${text.slice(end)}`;
    ws.set(uri('soa.yaml'), text, ++version);
    counts.push(repeated() - before);
  }
  // The default allows 3 controls to share a reason; the fourth makes one finding about all four.
  assert.deepEqual(counts, [0, 0, 0, 4]);
});

test('removing the text that bridged two near-duplicates splits their group again', () => {
  const { service, ws, uri } = workspaceOf(files);
  const setJustifications = (texts: Record<string, string>, version: number) => {
    let text = SOA;
    for (const [id, value] of Object.entries(texts)) {
      const at = text.indexOf('justification:', text.indexOf(`  ${id}:\n`));
      text = `${text.slice(0, at)}justification: ${value}${text.slice(text.indexOf('\n', at))}`;
    }
    ws.set(uri('soa.yaml'), text, version);
    return text;
  };
  const chained = (fs: ReturnType<typeof service.check>) => affected(fs.filter((f) => f.code !== 'soa/repeated-justification' || f.data?.kind !== 'template'));
  const ends = { 'A.5.1': CHAIN[0], 'A.5.2': CHAIN[0], 'A.5.4': CHAIN[2], 'A.5.5': CHAIN[2] };
  setJustifications({ ...ends, 'A.5.3': CHAIN[1] }, 2);
  assert.deepEqual(chained(service.check(uri('soa.yaml'))), ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5']);
  const text = setJustifications({ ...ends, 'A.5.3': 'Only the two founders can approve a production deploy, so separating duties is not possible yet.' }, 3);
  assert.deepEqual(chained(service.check(uri('soa.yaml'))), []);
  const fresh = workspaceOf({ ...files, 'soa.yaml': text });
  assert.deepEqual(service.check(uri('soa.yaml')), fresh.service.check(fresh.uri('soa.yaml')));
});
