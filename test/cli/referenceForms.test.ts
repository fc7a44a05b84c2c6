// Every way of writing a control reference that the unit tests of core/controlRef.ts guard, run
// through the bundled CLI on a workspace on disk: each form must come out as findings at the
// right line and column with the right ID, so a form broken in the scanner fails here as well.
// The SoA excludes every 2022 control cited, and the policy's front matter claims only A.8.1:
// each cited 2022 control gives policy/excluded-control-cited and policy/cites-unclaimed at its
// first reference (a range's middle IDs are cited too, at the range).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RISKS, runCli, soaText } from '../helpers';

type Expect = [span: string, id: string, code?: string];
/** A line of the policy, and the references in it as they must be reported, left to right. */
const FORMS: { form: string; line: string; refs: Expect[]; middle?: string[] }[] = [
  { form: 'A.5.15', line: 'Access to systems follows A.5.15.', refs: [['A.5.15', 'A.5.15']] },
  { form: 'Annex A 5.17', line: 'Passwords are handled as Annex A 5.17 asks.', refs: [['Annex A 5.17', 'A.5.17']] },
  { form: 'Annex A.5.16', line: 'Identities are managed (Annex A.5.16).', refs: [['Annex A.5.16', 'A.5.16']] },
  { form: 'A 5.18 with its title', line: '- A 5.18 — Access rights', refs: [['A 5.18', 'A.5.18']] },
  { form: 'bold', line: '**A.8.2** applies to every administrator account.', refs: [['A.8.2', 'A.8.2']] },
  { form: 'after the standard and year', line: 'Per ISO/IEC 27001:2022 A.8.31 test systems stay apart.', refs: [['A.8.31', 'A.8.31']] },
  { form: '"control" and a bare number', line: 'This policy is ISO 27001:2022 control 5.1 for our company.', refs: [['5.1', 'A.5.1']] },
  { form: 'a list after "controls"', line: 'Incidents follow controls 5.24, 5.25 and 5.26.', refs: [['5.24', 'A.5.24'], ['5.25', 'A.5.25'], ['5.26', 'A.5.26']] },
  { form: 'a range', line: 'Suppliers are covered by A.5.19-A.5.21.', refs: [['A.5.19', 'A.5.19'], ['A.5.21', 'A.5.21']], middle: ['A.5.20'] },
  { form: 'a short range with an en dash', line: 'Screening to awareness: A.6.1–3.', refs: [['A.6.1', 'A.6.1'], ['3', 'A.6.3']], middle: ['A.6.2'] },
  { form: 'a range with "through"', line: 'Evidence and legal duties are A.5.30 through A.5.32.', refs: [['A.5.30', 'A.5.30'], ['A.5.32', 'A.5.32']], middle: ['A.5.31'] },
  { form: 'zero-padded', line: 'The perimeter (A.07.01) is the office door.', refs: [['A.07.01', 'A.7.1']] },
  { form: 'namespaced', line: 'Keys are managed under iso27001:A.8.24.', refs: [['iso27001:A.8.24', 'A.8.24']] },
  { form: 'German prose', line: 'Lieferanten regeln Maßnahme 5.22 und 5.23.', refs: [['5.22', 'A.5.22'], ['5.23', 'A.5.23']] },
  { form: 'a table cell', line: '| A.5.29 | Security during disruption |', refs: [['A.5.29', 'A.5.29']] },
  { form: 'a 2013 control and objective', line: 'Formerly A.9.2.3 under objective A.9.4.', refs: [['A.9.2.3', 'A.9.2.3', 'ref/legacy-control'], ['A.9.4', 'A.9.4', 'ref/legacy-control']] },
  { form: 'a 2013 range', line: 'Operations were A.12.1.1–A.12.1.2.', refs: [['A.12.1.1', 'A.12.1.1', 'ref/legacy-control'], ['A.12.1.2', 'A.12.1.2', 'ref/legacy-control']] },
  { form: 'an unknown ID', line: 'Nobody has A.8.35 yet.', refs: [['A.8.35', 'A.8.35', 'ref/unknown-control']] },
  { form: 'a clause written as a control', line: 'Control 9.1 is done yearly.', refs: [['Control 9.1', '9.1', 'ref/clause-as-control']] },
];
/** Lines that give no finding: numbers that are no reference, and the claimed, applicable A.8.1. */
const QUIET = ['### 8.2 Password rules', 'See clause 6.1 and version 1.4 of 2024.01.02.', 'Details: https://x.example/A.5.1', 'Endpoint devices follow A.8.1.'];

const cited2022 = FORMS.flatMap((f) => [...f.refs.filter((r) => !r[2]).map((r) => r[1]), ...(f.middle ?? [])]);
const TABLE_HEAD = ['| Control | Title |', '|---|---|'];

function workspace(): { dir: string; lines: string[]; firstBodyLine: number } {
  const front = ['---', 'title: Reference forms', 'owner: CISO', 'approved-by: Board', 'version: "1"', 'effective: 2026-01-01', 'next-review: 2027-01-01', 'controls: [A.8.1]', '---', '# Reference forms', ''];
  const body: string[] = [];
  for (const f of FORMS) {
    if (f.form === 'a table cell') body.push('', ...TABLE_HEAD, f.line, '');
    else body.push(f.line, '');
  }
  body.push(...QUIET.flatMap((l) => [l, '']));
  const excluded: Record<string, string> = {};
  for (const id of cited2022) excluded[id] = `    applicable: false\n    justification: Reviewed for ${id}; the activity it governs does not take place in this company.\n`;
  const dir = mkdtempSync(path.join(tmpdir(), 'isms-forms-'));
  mkdirSync(path.join(dir, 'policies'));
  writeFileSync(path.join(dir, 'soa.yaml'), soaText(excluded));
  // One justification pattern for all the exclusions is this test's shortcut, not a finding.
  writeFileSync(path.join(dir, 'isms.config.yaml'), 'justification:\n  max-repeats: 100\n');
  writeFileSync(path.join(dir, 'risks.yaml'), RISKS.replace('controls: [A.5.15, A.5.17]', 'controls: [A.8.1]'));
  const lines = [...front, ...body];
  writeFileSync(path.join(dir, 'policies/forms.md'), lines.join('\n'));
  return { dir, lines, firstBodyLine: front.length };
}

test('every reference form comes out of the CLI at its line and column, with its ID', () => {
  const { dir, lines } = workspace();
  const r = runCli(['check', '.', '--format', 'json', '--today', '2026-11-22'], { cwd: dir });
  assert.ok(r.code === 0 || r.code === 1, r.err);
  const findings = (JSON.parse(r.out).findings as { file: string; line: number; column: number; code: string; data?: { id?: string; clause?: string } }[]);
  assert.deepEqual(findings.filter((f) => f.file !== 'policies/forms.md'), [], 'nothing but the policy is reported');
  const actual = findings.map((f) => `${f.line}:${f.column} ${f.code} ${f.data?.id ?? f.data?.clause ?? ''}`);
  const expected = FORMS.flatMap((f) => {
    const line = lines.indexOf(f.line) + 1;
    let from = 0;
    const out = f.refs.flatMap(([span, id, code]) => {
      const at = f.line.indexOf(span, from);
      assert.ok(at >= 0, `${span} in ${f.line}`);
      from = at + span.length;
      const pos = `${line}:${at + 1}`;
      return code ? [`${pos} ${code} ${id}`] : [`${pos} policy/cites-unclaimed ${id}`, `${pos} policy/excluded-control-cited ${id}`];
    });
    const first = out[0].split(' ')[0];
    return [...out, ...(f.middle ?? []).map((id) => `${first} policy/cites-unclaimed ${id}`)];
  });
  // Compared form by form first, so that a failure names the broken form.
  const onLine = (list: string[], line: number) => list.filter((x) => x.startsWith(`${line}:`)).sort();
  for (const f of FORMS) {
    const line = lines.indexOf(f.line) + 1;
    assert.deepEqual(onLine(actual, line), onLine(expected, line), `${f.form}: ${f.line}`);
  }
  assert.deepEqual([...actual].sort(), [...expected].sort(), 'no other finding: numbers that are no reference are ignored');
});
