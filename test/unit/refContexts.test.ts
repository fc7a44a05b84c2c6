// Bare control numbers in the contexts that say what they are (control columns, labels, top-of-
// file metadata comments), and the other-standard rule, through the one extractor
// (parseMarkdown) and the features fed by it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../server/src/core/markdown';
import { caret, soaText, workspaceOf } from '../helpers';

/** IDs found, in order, with the text they were found at. */
const found = (text: string) => parseMarkdown(text).refs.map((r) => `${r.id}${r.inRange ? '~' : ''}`);
const table = (header: string, cell: string) => `# Report\n\n| Finding | ${header} | Owner |\n|---|---|---|\n| F-1 | ${cell} | IT |\n`;

test('a column whose header names controls: every header form, with and without markup', () => {
  for (const header of ['Control', 'Controls', 'Control(s)', '**Control**', '__Controls__', 'Annex A', 'Annex A control', 'Annex A Controls',
    'ISO 27001:2022 control', 'ISO/IEC 27001:2022 Controls', 'ISO 27001 Control ID', 'Ref', 'Maßnahme', 'Maßnahmen', 'Massnahme', 'Kontrolle', 'Control No.', 'Related controls']) {
    assert.deepEqual(found(table(header, '8.8')), ['A.8.8'], header);
  }
});

test('headers that do not name controls, or name another framework, leave numbers alone', () => {
  for (const header of ['Control Area', 'Document Control', 'Access Control', 'Section', 'Version', 'Score', 'Clause', 'CIS Controls', 'NIST control', 'ISO 27701 control', 'SOC 2 control', 'Control Owner', 'Control Status']) {
    assert.deepEqual(found(table(header, '8.8')), [], header);
  }
});

test('lists and ranges in a control cell: commas, "and", "&", "/", "+", en dash, hyphen, "bis", short tails', () => {
  assert.deepEqual(found(table('Control', '5.15, 5.18 and 8.2')), ['A.5.15', 'A.5.18', 'A.8.2']);
  assert.deepEqual(found(table('Control', '8.13 & 8.14 / 8.15 + 8.16')), ['A.8.13', 'A.8.14', 'A.8.15', 'A.8.16']);
  assert.deepEqual(found(table('Control', '5.24\u20135.26')), ['A.5.24', 'A.5.25~', 'A.5.26']);
  assert.deepEqual(found(table('Control', '7.1-7.3')), ['A.7.1', 'A.7.2~', 'A.7.3']);
  assert.deepEqual(found(table('Maßnahme', '8.5 bis 8.7')), ['A.8.5', 'A.8.6~', 'A.8.7']);
  assert.deepEqual(found(table('Control', '5.24\u201326')), ['A.5.24', 'A.5.25~', 'A.5.26']);
  assert.deepEqual(found(table('Control', '5.15 (Access control), 5.18 (Access rights)')), ['A.5.15', 'A.5.18']);
  assert.deepEqual(found(table('Control', '5.15 Access control; 5.18 Access rights')), ['A.5.15', 'A.5.18']);
  assert.deepEqual(found(table('Control', '**5.18**')), ['A.5.18']);
});

test('numbers in other columns, and in tables that are not about controls, stay untouched', () => {
  const doc = '# Audit\n\n| Finding | Control | Score | Version | Date |\n|---|---|---|---|---|\n| F-1 | 8.8 | 4.5 | 1.2 | 2026.03 |\n\n'
    + '| Metric | Q1 | Target |\n|---|---|---|\n| Patch latency | 8.5 | 5.15 |\n\n| Section | Topic |\n|---|---|\n| 5.1 | Scope |\n';
  assert.deepEqual(found(doc), ['A.8.8']);
});

test("a column's own convention: where it writes A.5.1, a bare 5.2 is a clause, in every table with that header", () => {
  const doc = '# Map\n\n| Policy | ISO 27001 Controls |\n|---|---|\n| Security policy | 5.2, A.5.1 |\n\n| Policy | ISO 27001 Controls |\n|---|---|\n| Risk | 6.1 Actions |\n';
  assert.deepEqual(found(doc), ['A.5.1']);
});

test('clause numbers in a control column or after a "Controls:" label are kept for ref/clause-as-control', () => {
  const md = parseMarkdown(table('Control', '5.15, 9.1') + '\n**Controls:** 10.2\n');
  assert.deepEqual(md.refs.map((r) => r.id), ['A.5.15']);
  assert.deepEqual(md.misplacedClauses.map((c) => c.id), ['9.1', '10.2']);
  // A column naming only the standard ("ISO 27001") holds clauses too: no finding there.
  assert.deepEqual(parseMarkdown(table('ISO 27001', '9.1, 5.15')).misplacedClauses, []);
});

test('labels that name controls or the standard, with markup, and key/value rows', () => {
  assert.deepEqual(found('# P\n\n**ISO 27001:2022 Control(s):** 5.15 (Access control), 5.18 (Access rights)\n'), ['A.5.15', 'A.5.18']);
  assert.deepEqual(found('# P\n\n- **Controls**: 8.5 and 8.18\n- *Annex A reference:* 5.16\n- Maßnahmen: 5.15 und 5.16\n'), ['A.8.5', 'A.8.18', 'A.5.16', 'A.5.15', 'A.5.16']);
  assert.deepEqual(found('# P\n\n| Field | Value |\n|---|---|\n| **ISO 27001:2022 Controls** | 5.15, 5.16, 5.17, 8.2 |\n| **Version** | 1.2 |\n'), ['A.5.15', 'A.5.16', 'A.5.17', 'A.8.2']);
  // Labels that do not name controls.
  assert.deepEqual(found('# P\n\n**Version:** 5.1\n**Section:** 8.2\nReference: 5.20\n**Release:** 8.4\n'), []);
});

test('metadata in an HTML comment at the top of a file counts; other HTML and code do not', () => {
  assert.deepEqual(found('<!-- ISO 27001:2022 Controls: 5.15, 5.16, 5.17, 5.18, 8.2 -->\n# Access policy\n'), ['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2']);
  assert.deepEqual(found('# Access policy\n\n**Owner:** CISO\n\n<!--\nISO 27001:2022 Annex A Reference: A.5.15, A.5.16\n-->\n\n## Purpose\n'), ['A.5.15', 'A.5.16']);
  // After the first paragraph, a comment is a note, not metadata.
  assert.deepEqual(found('# Access policy\n\nAccess is granted on need to know.\n\n<!-- Controls: 8.9 -->\n<!-- A.8.9 -->\n'), []);
  assert.deepEqual(found('# P\n\ntext <span title="Controls: 8.9">x</span>\n\n```\nControls: 5.30\n```\n\n    Controls: 5.31\n'), []);
});

test('"Organizational Controls (5.1-5.37)" and a number with its own title are references; section numbers are not', () => {
  assert.deepEqual(found('# Annex A\n\n- **People Controls (6.1-6.3):** 3 controls\n').filter((x) => !x.endsWith('~')), ['A.6.1', 'A.6.3']);
  assert.deepEqual(found('## Annex A mapping\n\n#### 5.1 Policies for Information Security\n\n### 3.1 Least Privilege\n\n## 14. Operational Planning & Control (8.1)\n'), ['A.5.1']);
  assert.deepEqual(found('## 4. SoA: Organisational Controls\n\n### 4.1 Policies (5.1-5.3)\n').filter((x) => !x.endsWith('~')), ['A.5.1', 'A.5.3']);
});

test('another standard named in the sentence, label, column, heading or declaration claims the reference', () => {
  const other = (doc: string) => parseMarkdown(doc).foreign.map((f) => `${f.id} ${f.standard}`);
  assert.deepEqual(found('# AI policy\n\nThis implements ISO 42001 Annex A.7.2--A.7.6.\n'), []);
  assert.deepEqual(other('# AI policy\n\nThis implements ISO 42001 Annex A.7.2.\n'), ['A.7.2 ISO/IEC 42001']);
  // Annex A paired with Annex B: another standard's, even unnamed.
  assert.deepEqual(found('# Policy\n\nModel documentation (A.8.3, B.8.3) is kept.\n'), []);
  // A label, a column header, a heading, the front matter.
  assert.deepEqual(found('# P\n\n**ISO/IEC 27701 controls:** A.7.2.1, A.7.2.2\n'), []);
  assert.deepEqual(found('# P\n\n| Area | ISO 27701 control | ISO 27001 control |\n|---|---|---|\n| Consent | A.7.2.3 | A.5.34 |\n'), ['A.5.34']);
  assert.deepEqual(found('# Manual\n\n## Privacy (ISO/IEC 27701)\n\nObligations of A.7.2.1 are met.\n\n## Security\n\nAccess follows A.5.15.\n'), ['A.5.15']);
  assert.deepEqual(found('---\ntitle: AI policy\nstandard: ISO/IEC 42001:2023\n---\n# AI policy\n\nData quality follows A.7.4.\n\nOur ISMS (ISO/IEC 27001) applies A.5.15 to the registry.\n'), ['A.5.15']);
  assert.deepEqual(found('# P\n\n**Standard:** ISO/IEC 42001:2023\n\nSee A.6.2.2 and A.7.4.\n'), []);
  // Frameworks without an Annex A claim bare numbers only: "CIS Control 8.1", not "A.5.15".
  assert.deepEqual(found('# P\n\nCIS Control 8.1 covers audit logs. SOC 2 CC6.1 maps to A.5.15.\n'), ['A.5.15']);
  assert.deepEqual(other('# P\n\nCIS Control 8.1 covers audit logs.\n'), ['A.8.1 CIS Controls']);
  // Naming ISO/IEC 27001 last keeps it ours; a heading naming both is ours too.
  assert.deepEqual(found('# NIST CSF to ISO 27001 mapping\n\nISO 42001 and ISO 27001 both apply; see A.5.15.\n'), ['A.5.15']);
});

const FRONT = '---\ntitle: P\nowner: O\napproved-by: A\nversion: "1"\neffective: 2026-01-01\nnext-review: 2027-01-01\ncontrols: [A.5.15]\n---\n';

test('one extractor feeds links, hover, diagnostics, code lens, cites-unclaimed and completion', () => {
  const policy = FRONT + '# Access\n\n| Finding | Control |\n|---|---|\n| F-1 | 5.15, 8.2, 9.1 |\n| F-2 | 5.18 (Identity management) |\n\n'
    + 'This also follows ISO 42001 Annex A.7.2.\n';
  const { service, uri } = workspaceOf({ 'soa.yaml': soaText(), 'policies/p.md': policy });
  const u = uri('policies/p.md');
  const links = service.links(u).map((l) => l.tooltip?.split(' ')[0]);
  // The front matter's A.5.15, the table's 5.15, 8.2 and 5.18; 9.1 links to its clause; not 42001's A.7.2.
  assert.deepEqual(links.filter((l) => l?.startsWith('A.')), ['A.5.15', 'A.5.15', 'A.8.2', 'A.5.18']);
  assert.equal(links.filter((l) => l === 'Clause').length, 1);
  const codes = service.check(u).map((d) => `${d.code} ${d.data?.id ?? d.data?.clause ?? ''}`);
  assert.ok(codes.includes('ref/clause-as-control 9.1'), codes.join('\n'));
  assert.match(service.hover(u, { line: policy.split('\n').findIndex((l) => l.startsWith('| F-1')), character: policy.split('\n').find((l) => l.startsWith('| F-1'))!.indexOf('9.1') + 1 })!.markdown, /Clause 9\.1/);
  // "Controls: 9.2" is found by the prose pattern and by the label: reported once.
  const once = workspaceOf({ 'policies/q.md': FRONT + '# Q\n\nControls: 9.2\n' });
  assert.equal(once.service.check(once.uri('policies/q.md')).filter((d) => d.code === 'ref/clause-as-control').length, 1);
  assert.ok(codes.includes('ref/title-mismatch A.5.18'), codes.join('\n'));
  assert.ok(codes.includes('policy/cites-unclaimed A.8.2'), codes.join('\n'));
  assert.ok(!codes.some((c) => c.includes('A.7.2')), codes.join('\n'));
  // Hover: our control on a bare number; the other standard on its ID.
  const lines = policy.split('\n');
  const row = lines.findIndex((l) => l.startsWith('| F-1'));
  assert.match(service.hover(u, { line: row, character: lines[row].indexOf('8.2') + 1 })!.markdown, /A\.8\.2 Privileged access rights/);
  const iso = lines.findIndex((l) => l.includes('42001'));
  assert.match(service.hover(u, { line: iso, character: lines[iso].indexOf('A.7.2') + 3 })!.markdown, /belongs to ISO\/IEC 42001/);
  // The SoA's code lens counts the citing policy for A.8.2.
  const lens = service.codeLenses(uri('soa.yaml')).find((l) => l.title.includes('cited by') && l.range.start.line === soaText().split('\n').indexOf('  A.8.2:'));
  assert.match(lens!.title, /cited by 1 polic/);
});

test('completion offers bare control numbers in a control column and after a controls label', () => {
  const c = caret(FRONT + '# R\n\n| Finding | Control |\n|---|---|\n| F-1 | 5.15 |\n| F-2 | 8.‸ |\n');
  const { service, uri } = workspaceOf({ 'policies/p.md': c.text });
  const items = service.complete(uri('policies/p.md'), c.position);
  assert.ok(items.some((i) => i.label === '8.2' && i.insertText === '8.2'), items.slice(0, 3).map((i) => i.label).join());
  const l = caret(FRONT + '# R\n\n**Controls:** 5.15, ‸\n');
  const w = workspaceOf({ 'policies/p.md': l.text });
  assert.equal(w.service.complete(w.uri('policies/p.md'), l.position).length, 93);
  // Not in another column.
  const o = caret(FRONT + '# R\n\n| Finding | Control |\n|---|---|\n| F-‸1 | 5.15 |\n');
  const x = workspaceOf({ 'policies/p.md': o.text });
  assert.deepEqual(x.service.complete(x.uri('policies/p.md'), o.position), []);
});
