import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicableValue, parseSoa } from '../../server/src/core/soa';
import { codes, RISKS, soaText, workspaceOf } from '../helpers';

const check = (soa: string, risks = RISKS, extra: Record<string, string> = {}) => {
  const { service, uri } = workspaceOf({ 'soa.yaml': soa, 'risks.yaml': risks, ...extra });
  return service.check(uri('soa.yaml'));
};

test('a complete, consistent SoA is clean', () => {
  assert.deepEqual(check(soaText()), []);
});

test('soa/excluded-without-justification: missing, placeholder, too short; a real one passes', () => {
  for (const body of ['    applicable: false\n', '    applicable: false\n    justification: N/A\n', '    applicable: false\n    justification: Not used.\n', '    applicable: false\n    justification: "TODO: explain why this control does not apply to us"\n', '    status: not-applicable\n    justification: tbd\n']) {
    const f = check(soaText({ 'A.7.4': body }));
    assert.deepEqual(codes(f), ['soa/excluded-without-justification'], body);
    assert.equal(f[0].data?.id, 'A.7.4');
  }
  assert.deepEqual(check(soaText({ 'A.7.4': '    applicable: false\n    justification: We have no premises; staff work from home and servers run at the cloud provider.\n' })), []);
});

test('a template fill-in left as written is a placeholder (imported spreadsheets and handbook templates carry them)', () => {
  for (const fill of ['"[Provide justification for exclusion]"', '"<reason for exclusion>"', '"{{ justification }}"', '"[TODO: Document]"']) {
    const f = check(soaText({ 'A.7.4': `    applicable: false\n    justification: ${fill}\n` }));
    assert.deepEqual(codes(f), ['soa/excluded-without-justification'], fill);
    assert.match(f[0].message, /is a placeholder/, fill);
  }
  // Brackets inside a real reason do not make it a placeholder.
  assert.deepEqual(check(soaText({ 'A.7.4': '    applicable: false\n    justification: "No premises of our own [lease ended 2025]; staff work remotely and hosting is with the cloud provider."\n' })), []);
});

test('the finding points at the placeholder itself', () => {
  const text = soaText({ 'A.7.4': '    applicable: false\n    justification: N/A\n' });
  const [f] = check(text);
  const line = text.split('\n')[f.range.start.line];
  assert.equal(line.slice(f.range.start.character, f.range.end.character), 'N/A');
});

test('soa/applicable-without-risk: linked from either side, or another reason, counts', () => {
  assert.deepEqual(codes(check(soaText({ 'A.5.6': '    applicable: true\n    status: implemented\n    owner: CISO\n' }))), ['soa/applicable-without-risk']);
  assert.deepEqual(codes(check(soaText({ 'A.5.6': '    applicable: true\n    reasons: [risk]\n' }))), ['soa/applicable-without-risk']);
  assert.deepEqual(check(soaText({ 'A.5.6': '    applicable: true\n    reasons: [risk]\n    risks: [R-001]\n' })), [], 'linked in the SoA');
  assert.deepEqual(check(soaText({ 'A.5.15': '    applicable: true\n    reasons: [risk]\n' })), [], 'R-001 lists A.5.15 in the register');
  assert.deepEqual(check(soaText({ 'A.5.6': '    applicable: true\n    reasons: [contractual]\n' })), [], 'another reason');
});

test('soa/missing-control lists the missing controls once', () => {
  const f = check(soaText({ 'A.5.7': '', 'A.8.28': '' }));
  assert.deepEqual(codes(f), ['soa/missing-control']);
  assert.deepEqual(f[0].data?.missing, ['A.5.7', 'A.8.28']);
  assert.match(f[0].message, /A\.5\.7, A\.8\.28/);
});

test('soa/duplicate-control', () => {
  const text = soaText() + '  A.5.1:\n    applicable: true\n    reasons: [legal]\n';
  assert.deepEqual(codes(check(text)), ['soa/duplicate-control']);
});

test('soa/invalid-value: status, reasons, applicable, with suggestions', () => {
  const f = check(soaText({ 'A.5.1': '    applicable: maybe\n    status: implmented\n    reasons: [legal, contract]\n' }));
  assert.deepEqual(codes(f), ['soa/invalid-value', 'soa/invalid-value', 'soa/invalid-value']);
  assert.equal(f[1].data?.suggestion, 'implemented');
});

test('soa/status-conflict', () => {
  assert.deepEqual(codes(check(soaText({ 'A.7.4': '    applicable: false\n    status: implemented\n    justification: We own no premises; staff work remotely from home offices.\n' }))), ['soa/status-conflict']);
});

test('ref/unknown-control and ref/legacy-control as SoA keys', () => {
  // No `standard:` header: in an SoA that declares 2022 the 2013 key is ref/mixed-edition instead.
  const f = check(soaText({ 'A.8.35': '    applicable: true\n    reasons: [legal]\n', 'A.9.2.3': '    applicable: true\n    reasons: [legal]\n' }, 'organization: Test Ltd\nrisk-register: risks.yaml\n'));
  assert.deepEqual(codes(f), ['ref/unknown-control', 'ref/legacy-control']);
  assert.deepEqual(f[1].data?.successors, ['A.8.2']);
  assert.ok((f[0].data?.suggestions as string[]).length > 0);
});

test('ref/unknown-risk and ref/missing-file', () => {
  const f = check(soaText({ 'A.5.1': '    applicable: true\n    reasons: [risk]\n    risks: [R-001, R-099]\n    policies: [policies/nope.md, policies/isp.md]\n' }), RISKS, { 'policies/isp.md': '# ISP\n' });
  assert.deepEqual(codes(f), ['ref/unknown-risk', 'ref/missing-file']);
  assert.equal(f[0].data?.riskId, 'R-099');
});

test('list form with bare IDs is understood', () => {
  const list = `controls:\n${soaText().split('\n').slice(4).join('\n').replace(/^  (A\.[\d.]+):$/gm, (_, id: string) => `  - id: ${id.slice(2)}`)}`;
  assert.deepEqual(check(list), []);
});

test('YAML syntax errors are diagnostics, not exceptions; no missing-control noise', () => {
  const f = check('controls:\n  A.5.1: [unclosed\n');
  assert.ok(f.length >= 1);
  assert.ok(f.every((x) => x.code === 'file/syntax'), JSON.stringify(codes(f)));
});

test('alias bombs are never expanded: the entry keeps what is written, and the findings are the usual ones', () => {
  // 21 anchors, each a list of four aliases to the one before: expanded, `*u` would be 9 x 4^20
  // risk IDs. The parser follows one alias to its node and never builds the expansion.
  const letter = (i: number) => String.fromCharCode(97 + i);
  const anchors = ['a: &a ["R-001","R-002"]', ...Array.from({ length: 20 }, (_, i) => `${letter(i + 1)}: &${letter(i + 1)} [*${letter(i)},*${letter(i)},*${letter(i)},*${letter(i)}]`)];
  const bomb = [...anchors, 'controls:', '  A.5.1:', '    applicable: true', '    owner: CISO', '    risks: *u', '  A.5.2:', '    applicable: true', '    owner: CISO', '    risks: *a', ''].join('\n');
  const soa = parseSoa(bomb);
  assert.deepEqual(soa.errors, []);
  assert.deepEqual(soa.entries.map((e) => e.id), ['A.5.1', 'A.5.2']);
  const [bombed, aliased] = soa.entries;
  assert.deepEqual(bombed.risks, [], 'a list of lists holds no risk ID: nothing is expanded into one');
  assert.equal(bombed.owner?.value, 'CISO');
  assert.equal(applicableValue(bombed), true);
  assert.deepEqual(aliased.risks.map((r) => r.value), ['R-001', 'R-002'], 'one alias to a list of IDs reads as that list');
  const f = check(bomb);
  assert.deepEqual(codes(f), ['soa/missing-control', 'soa/applicable-without-risk']);
  assert.match(f[0].message, /^91 Annex A controls have no SoA entry/);
  assert.equal(f[1].data?.id, 'A.5.1', 'the bombed entry has no risk; A.5.2 has its two');
});

test('inline suppression and severity configuration', () => {
  const soa = soaText({ 'A.5.6': '    applicable: true\n' }).replace('  A.5.6:', '  # isms-disable soa/applicable-without-risk\n  A.5.6:');
  assert.deepEqual(check(soa), []);
  const { service, uri } = workspaceOf({ 'soa.yaml': soaText({ 'A.5.6': '    applicable: true\n' }), 'risks.yaml': RISKS, 'isms.config.yaml': 'severity:\n  soa/applicable-without-risk: error\n' });
  assert.equal(service.check(uri('soa.yaml'))[0].severity, 'error');
  const off = workspaceOf({ 'soa.yaml': soaText({ 'A.5.6': '    applicable: true\n' }), 'risks.yaml': RISKS, 'isms.config.yaml': 'severity:\n  soa/applicable-without-risk: off\n' });
  assert.deepEqual(off.service.check(off.uri('soa.yaml')), []);
});
