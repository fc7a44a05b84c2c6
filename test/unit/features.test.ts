import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, caret, RISKS, soaText, workspaceOf } from '../helpers';
import { parseSoa } from '../../server/src/core/soa';

const FRONT = '---\ntitle: P\nowner: O\napproved-by: A\nversion: "1"\neffective: 2026-01-01\nnext-review: 2027-01-01\ncontrols: [A.5.15]\n---\n';

function at(files: Record<string, string>, path: string) {
  const c = caret(files[path]);
  const { service, uri } = workspaceOf({ ...files, [path]: c.text });
  return { service, uri: uri(path), position: c.position, uriOf: uri };
}

test('hover on a control in prose: facts, attributes, SoA status, linked risks, guidance', () => {
  const soa = soaText({ 'A.5.15': '    applicable: true\n    status: implemented\n    owner: Head of IT\n    reasons: [risk]\n' });
  const { service, uri, position } = at({ 'soa.yaml': soa, 'risks.yaml': RISKS, 'policies/p.md': FRONT + 'We apply A.5.1‸5 everywhere.\n' }, 'policies/p.md');
  const h = service.hover(uri, position)!;
  assert.match(h.markdown, /\*\*A\.5\.15 Access control\*\*/);
  assert.match(h.markdown, /Organizational control/);
  assert.match(h.markdown, /Identity and access management/);
  assert.match(h.markdown, /ISO\/IEC 27001:2013: A\.9\.1\.1, A\.9\.1\.2/);
  assert.match(h.markdown, /applicable · status implemented · owner Head of IT/);
  assert.match(h.markdown, /R-001 \(Stolen credentials\)/);
  assert.match(h.markdown, /\*\*Intent\.\*\*/);
  assert.match(h.markdown, /How to implement/);
  assert.deepEqual(h.range, { start: { line: 9, character: 9 }, end: { line: 9, character: 15 } });
});

test('hover works in tables, lists, front matter and SoA keys and values', () => {
  for (const body of ['| A.8.‸2 | x |\n', '- A.8.‸2\n']) {
    const { service, uri, position } = at({ 'policies/p.md': FRONT + body }, 'policies/p.md');
    assert.match(service.hover(uri, position)!.markdown, /A\.8\.2 Privileged access rights/, body);
  }
  const fm = at({ 'policies/p.md': FRONT.replace('[A.5.15]', '[A.5.1‸5]') }, 'policies/p.md');
  assert.match(fm.service.hover(fm.uri, fm.position)!.markdown, /A\.5\.15 Access control/);
  const key = at({ 'soa.yaml': soaText().replace('  A.8.2:', '  A.8‸.2:') }, 'soa.yaml');
  assert.match(key.service.hover(key.uri, key.position)!.markdown, /Privileged access rights/);
  const risks = RISKS.replace('[A.5.15, A.5.17]', '[A.5.15, A.5‸.17]');
  const val = at({ 'risks.yaml': risks }, 'risks.yaml');
  assert.match(val.service.hover(val.uri, val.position)!.markdown, /A\.5\.17 Authentication information/);
});

test('hover on a 2013 ID shows its successors; on a clause its summary; on a risk its rating', () => {
  const legacy = at({ 'policies/p.md': FRONT + 'See A.12.‸4.1\n' }, 'policies/p.md');
  const lh = legacy.service.hover(legacy.uri, legacy.position)!.markdown;
  assert.match(lh, /A\.12\.4\.1 Event logging/);
  assert.match(lh, /A\.8\.15 Logging/);
  const clause = at({ 'policies/p.md': FRONT + 'as clause 6.1‸.3 requires\n' }, 'policies/p.md');
  assert.match(clause.service.hover(clause.uri, clause.position)!.markdown, /Clause 6\.1\.3 Information security risk treatment/);
  const iso = at({ 'policies/p.md': FRONT + 'per ISO 27001 9‸.2\n' }, 'policies/p.md');
  assert.match(iso.service.hover(iso.uri, iso.position)!.markdown, /Clause 9\.2 Internal audit/);
  const risk = at({ 'risks.yaml': RISKS, 'soa.yaml': soaText({ 'A.5.1': '    applicable: true\n    reasons: [risk]\n    risks: [R-0‸01]\n' }) }, 'soa.yaml');
  assert.match(risk.service.hover(risk.uri, risk.position)!.markdown, /R-001 Stolen credentials\*\*[\s\S]*rating 20[\s\S]*treatment mitigate/);
});

test('completion: control IDs after "A." in Markdown, with titles and intent', () => {
  const { service, uri, position } = at({ 'policies/p.md': FRONT + 'We follow A.‸\n' }, 'policies/p.md');
  const items = service.complete(uri, position);
  assert.equal(items.length, 93);
  const a515 = items.find((i) => i.label === 'A.5.15')!;
  assert.equal(a515.detail, 'Access control');
  assert.ok(a515.documentation && a515.documentation.length > 40);
  assert.deepEqual(a515.range, { start: { line: 9, character: 10 }, end: { line: 9, character: 12 } });
  const none = at({ 'policies/p.md': FRONT + '```\nA.‸\n```\n' }, 'policies/p.md');
  assert.deepEqual(none.service.complete(none.uri, none.position), [], 'not inside code');
});

test('completion in the SoA: status, reasons, risk IDs, new control keys', () => {
  const base = soaText({ 'A.5.1': '    status: ‸\n' });
  const s = at({ 'soa.yaml': base, 'risks.yaml': RISKS }, 'soa.yaml');
  assert.deepEqual(s.service.complete(s.uri, s.position).map((i) => i.label), ['not-started', 'planned', 'partial', 'implemented', 'excluded', 'not-applicable']);
  const r = at({ 'soa.yaml': soaText({ 'A.5.1': '    reasons: [legal, ‸]\n' }), 'risks.yaml': RISKS }, 'soa.yaml');
  assert.ok(r.service.complete(r.uri, r.position).some((i) => i.label === 'contractual'));
  const k = at({ 'soa.yaml': soaText({ 'A.5.1': '    risks: [‸]\n' }), 'risks.yaml': RISKS }, 'soa.yaml');
  assert.deepEqual(k.service.complete(k.uri, k.position).map((i) => i.label), ['R-001', 'R-002']);
  const b = at({ 'soa.yaml': soaText({ 'A.5.1': '    risks:\n      - ‸\n' }), 'risks.yaml': RISKS }, 'soa.yaml');
  assert.deepEqual(b.service.complete(b.uri, b.position).map((i) => i.label), ['R-001', 'R-002']);
  const key = at({ 'soa.yaml': soaText({ 'A.5.7': '' }).replace('  A.5.8:', '  A.‸\n  A.5.8:') }, 'soa.yaml');
  const labels = key.service.complete(key.uri, key.position).map((i) => i.label);
  assert.equal(labels[0], 'A.5.7');
  assert.ok(!labels.includes('A.5.1'), 'controls already in the SoA are not offered');
});

test('quick fix: replace a 2013 ID with its successor', () => {
  const { service, uriOf } = workspaceOf({ 'policies/p.md': FRONT + 'See A.9.2.3 now.\n' });
  const uri = uriOf('policies/p.md');
  const fixes = service.quickFixes(uri, service.check(uri));
  assert.equal(fixes[0].title, 'Replace with A.8.2 Privileged access rights');
  assert.match(applyEdits(FRONT + 'See A.9.2.3 now.\n', fixes[0].edits), /See A\.8\.2 now\./);
  const several = workspaceOf({ 'policies/p.md': FRONT + 'See A.18.2.3 now.\n' });
  const u2 = several.uriOf('policies/p.md');
  assert.deepEqual(several.service.quickFixes(u2, several.service.check(u2)).map((f) => f.title), ['Replace with A.5.36 Compliance with policies, rules and standards for information security', 'Replace with A.8.8 Management of technical vulnerabilities']);
});

test('quick fix: insert a justification placeholder and select it', () => {
  const text = soaText({ 'A.7.4': '    applicable: false\n' });
  const { service, uriOf } = workspaceOf({ 'soa.yaml': text, 'risks.yaml': RISKS });
  const uri = uriOf('soa.yaml');
  const [fix] = service.quickFixes(uri, service.check(uri));
  const after = applyEdits(text, fix.edits);
  assert.match(after, /  A\.7\.4:\n    applicable: false\n    justification: "TODO: explain why this control does not apply to us"\n/);
  const lines = after.split('\n');
  const sel = fix.select!.range;
  assert.equal(lines[sel.start.line].slice(sel.start.character, sel.end.character), 'TODO: explain why this control does not apply to us');
  // The placeholder itself still counts as unjustified until the user writes one.
  const again = workspaceOf({ 'soa.yaml': after, 'risks.yaml': RISKS });
  assert.deepEqual(again.service.check(again.uriOf('soa.yaml')).map((f) => f.code), ['soa/excluded-without-justification']);
});

test('quick fix: link an existing risk, or create a risk stub', () => {
  const text = soaText({ 'A.5.17': '    applicable: true\n    status: partial\n' });
  const { service, uriOf } = workspaceOf({ 'soa.yaml': text, 'risks.yaml': RISKS.replace('[A.5.15, A.5.17]', '[A.5.15]') });
  const uri = uriOf('soa.yaml');
  const fixes = service.quickFixes(uri, service.check(uri));
  assert.equal(fixes[0].title, 'Link risk R-001 (Stolen credentials)', 'the risk treating a related control ranks first');
  assert.match(applyEdits(text, fixes[0].edits), /  A\.5\.17:\n    applicable: true\n    status: partial\n    risks: \[R-001\]\n/);
  const stub = fixes.find((f) => f.title.startsWith('Create risk R-003'))!;
  assert.ok(stub);
  const risksAfter = applyEdits(RISKS.replace('[A.5.15, A.5.17]', '[A.5.15]'), stub.edits.filter((e) => e.uri.endsWith('risks.yaml')));
  assert.match(risksAfter, /  R-003:\n    title: "TODO: describe the risk that A\.5\.17 treats"[\s\S]*controls: \[A\.5\.17\]/);
  const soaAfter = applyEdits(text, stub.edits.filter((e) => e.uri.endsWith('soa.yaml')));
  const ws2 = workspaceOf({ 'soa.yaml': soaAfter, 'risks.yaml': risksAfter });
  assert.deepEqual(ws2.service.check(ws2.uriOf('soa.yaml')), []);
});

test('quick fix: add to an existing risks list in flow and block style', () => {
  for (const [body, expected] of [
    ['    applicable: true\n    reasons: [risk]\n    risks: []\n', '    risks: [R-001]\n'],
    ['    applicable: true\n    reasons: [risk]\n    risks:\n      - R-999\n', '    risks:\n      - R-999\n      - R-001\n'],
  ]) {
    const text = soaText({ 'A.5.6': body });
    const { service, uriOf } = workspaceOf({ 'soa.yaml': text, 'risks.yaml': RISKS });
    const uri = uriOf('soa.yaml');
    const fix = service.quickFixes(uri, service.check(uri)).find((f) => f.title.startsWith('Link risk R-001'))!;
    assert.ok(applyEdits(text, fix.edits).includes(expected), body);
  }
});

test('quick fix: add all missing controls in catalogue order', () => {
  const text = soaText({ 'A.5.1': '', 'A.5.7': '', 'A.8.34': '' });
  const { service, uriOf } = workspaceOf({ 'soa.yaml': text, 'risks.yaml': RISKS });
  const uri = uriOf('soa.yaml');
  const fix = service.quickFixes(uri, service.check(uri)).find((f) => f.code === 'soa/missing-control')!;
  const after = applyEdits(text, fix.edits);
  const ids = parseSoa(after).entries.map((e) => e.id);
  assert.equal(ids.length, 93);
  assert.equal(ids[0], 'A.5.1');
  assert.equal(ids[6], 'A.5.7');
  assert.equal(ids[92], 'A.8.34');
  assert.match(after, /  A\.5\.7:\n    status: not-started\n/);
});

test('quick fix: typo to the suggested control', () => {
  const { service, uriOf } = workspaceOf({ 'policies/p.md': FRONT + 'Secure development: A.8.35\n' });
  const uri = uriOf('policies/p.md');
  const fix = service.quickFixes(uri, service.check(uri))[0];
  assert.equal(fix.title, 'Change to A.8.25 Secure development life cycle');
});

test('definition, references, links, symbols and code lens', () => {
  const soa = soaText({ 'A.5.15': '    applicable: true\n    reasons: [risk]\n    policies: [policies/p.md]\n' });
  const c = caret(FRONT + 'Access: A.5.1‸5\n');
  const { service, uriOf } = workspaceOf({ 'soa.yaml': soa, 'risks.yaml': RISKS, 'policies/p.md': c.text });
  const p = uriOf('policies/p.md');
  const def = service.definition(p, c.position);
  assert.equal(def[0].uri, uriOf('soa.yaml'));
  const refs = service.references(p, c.position);
  assert.deepEqual([...new Set(refs.map((r) => r.uri.split('/').pop()))].sort(), ['p.md', 'risks.yaml', 'soa.yaml']);
  const links = service.links(p);
  assert.ok(links.some((l) => l.target === 'file:///catalogue/A.5.15.md'));
  const soaLinks = service.links(uriOf('soa.yaml'));
  assert.ok(soaLinks.some((l) => l.target === p), 'policy paths in the SoA link to the file');
  const lens = service.codeLenses(uriOf('soa.yaml')).find((l) => l.range.start.line === soa.split('\n').indexOf('  A.5.15:'))!;
  assert.equal(lens.title, 'cited by 1 policy · 1 risk');
  const syms = service.documentSymbols(uriOf('soa.yaml'));
  assert.equal(syms.length, 93);
  assert.ok(service.workspaceSymbols('stolen').some((s) => s.name === 'R-001 Stolen credentials'));
  const riskDef = caret(soa.replace('policies: [policies/p.md]', 'risks: [R-0‸02]'));
  const w2 = workspaceOf({ 'soa.yaml': riskDef.text, 'risks.yaml': RISKS });
  assert.equal(w2.service.definition(w2.uriOf('soa.yaml'), riskDef.position)[0].uri, w2.uriOf('risks.yaml'));
});

test('an unsaved edit wins, and dependants see it', () => {
  // A policy that claims no controls, so only the SoA decides what it reports.
  const { service, ws, uriOf } = workspaceOf({ 'soa.yaml': soaText(), 'risks.yaml': RISKS, 'policies/p.md': FRONT.replace('controls: [A.5.15]\n', '') + 'CCTV (A.7.4)\n' });
  assert.deepEqual(service.check(uriOf('policies/p.md')), []);
  ws.set(uriOf('soa.yaml'), soaText({ 'A.7.4': '    applicable: false\n    justification: No premises of our own; staff work from home offices.\n' }), 2);
  assert.deepEqual(service.check(uriOf('policies/p.md')).map((f) => f.code), ['policy/excluded-control-cited']);
  ws.delete(uriOf('soa.yaml'));
  assert.deepEqual(service.check(uriOf('policies/p.md')), []);
});
