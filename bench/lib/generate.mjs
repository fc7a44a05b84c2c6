// Deterministic generator for the benchmark workspaces: one seeded PRNG, no clock, no network.
// The same seed always gives byte-identical files.
//
//   <root>/ws-93/              soa.yaml: 93 controls, map form (the canonical form)
//   <root>/ws-930/             soa.yaml: 930 entries, list form (10 copies of each control)
//   in both:                   risks.yaml (40 risks), isms.config.yaml, and policies/unit-NN/*.md:
//                              the same 1,000 policies (40 business units x 25 topics), ~5 KB each
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRng } from './prng.mjs';

export const EXCLUDED = ['A.7.1', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6', 'A.7.11', 'A.7.12', 'A.8.30'];
/** The excluded control whose justification the keystroke benchmark edits. */
export const KEYSTROKE_CONTROL = 'A.7.4';
/** 19 characters: one short of the default minimum (20), so adding "." makes it valid. */
export const SHORT_JUSTIFICATION = 'We have no premises';
/** The applicable control whose `applicable:` value the cross-file benchmark flips. */
export const FLIP_CONTROL = 'A.5.15';
export const TODAY = '2026-11-22';

const TOPICS = [
  ['access-control', 'Access Control', ['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.3', 'A.8.5']],
  ['acceptable-use', 'Acceptable Use', ['A.5.10', 'A.6.7', 'A.8.1', 'A.5.14']],
  ['asset-management', 'Asset Management', ['A.5.9', 'A.5.10', 'A.5.11', 'A.5.12', 'A.5.13']],
  ['backup', 'Backup', ['A.8.13', 'A.5.30', 'A.8.14']],
  ['business-continuity', 'Business Continuity', ['A.5.29', 'A.5.30', 'A.8.14']],
  ['change-management', 'Change Management', ['A.8.32', 'A.8.9', 'A.8.31']],
  ['cloud-security', 'Cloud Security', ['A.5.23', 'A.8.9', 'A.8.20', 'A.8.22']],
  ['cryptography', 'Cryptography', ['A.8.24', 'A.5.33', 'A.8.11']],
  ['classification', 'Information Classification', ['A.5.12', 'A.5.13', 'A.5.14']],
  ['data-retention', 'Data Retention', ['A.5.33', 'A.8.10', 'A.5.34']],
  ['incident-response', 'Incident Response', ['A.5.24', 'A.5.25', 'A.5.26', 'A.5.27', 'A.5.28', 'A.6.8']],
  ['logging-monitoring', 'Logging and Monitoring', ['A.8.15', 'A.8.16', 'A.8.17']],
  ['mobile-devices', 'Mobile Devices', ['A.8.1', 'A.6.7', 'A.7.9']],
  ['network-security', 'Network Security', ['A.8.20', 'A.8.21', 'A.8.22', 'A.8.23']],
  ['patch-management', 'Patch Management', ['A.8.8', 'A.8.19']],
  ['physical-security', 'Physical Security', ['A.7.2', 'A.7.7', 'A.7.8', 'A.7.10', 'A.7.14']],
  ['privacy', 'Privacy and Personal Data', ['A.5.34', 'A.5.31', 'A.8.11']],
  ['remote-working', 'Remote Working', ['A.6.7', 'A.7.9', 'A.8.1']],
  ['risk-management', 'Risk Management', ['A.5.1', 'A.5.7', 'A.5.8']],
  ['secure-development', 'Secure Development', ['A.8.25', 'A.8.26', 'A.8.27', 'A.8.28', 'A.8.29', 'A.8.31']],
  ['supplier-security', 'Supplier Security', ['A.5.19', 'A.5.20', 'A.5.21', 'A.5.22']],
  ['training-awareness', 'Security Awareness and Training', ['A.6.3', 'A.6.4', 'A.5.4']],
  ['hr-security', 'Human Resources Security', ['A.6.1', 'A.6.2', 'A.6.5', 'A.6.6']],
  ['vulnerability-management', 'Vulnerability Management', ['A.8.8', 'A.5.7', 'A.8.29']],
  ['information-security', 'Information Security', ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.35', 'A.5.36', 'A.5.37']],
];
const UNITS = 40;

const ROLES = ['Security Lead', 'IT Manager', 'Head of Engineering', 'Platform Lead', 'Data Protection Lead', 'Chief Technology Officer', 'People Operations Lead', 'Facilities Manager', 'Head of Customer Support', 'Finance Director'];
const SUBJECTS = ['Every team lead', 'The system owner', 'The Security Lead', 'Each engineer', 'The service desk', 'The platform team', 'Line managers', 'The Data Protection Lead', 'Every member of staff', 'The on-call engineer', 'The supplier manager', 'Internal audit'];
const VERBS = ['reviews', 'records', 'approves', 'confirms', 'documents', 'tests', 'monitors', 'reports', 'checks', 'tracks', 'escalates', 'signs off'];
const OBJECTS = ['the access rights of their team', 'every exception to this policy', 'the asset inventory', 'changes to production systems', 'the backup restore results', 'supplier security assessments', 'the list of privileged accounts', 'alerts from the monitoring platform', 'the classification of new data sets', 'open vulnerabilities above the agreed severity', 'training completion for new joiners', 'the retention schedule for customer data'];
const WHENS = ['every quarter', 'within five working days', 'before the change is deployed', 'at least once a year', 'at every onboarding', 'when a role changes', 'after every major incident', 'each month', 'before a contract is signed', 'within 24 hours'];
const TAILS = ['and keeps the evidence in the ticketing system', 'so that an auditor can trace each decision', 'and raises a ticket for anything that needs fixing', 'and reports the result to the Security Steering Group', 'using the template in the ISMS handbook', 'with the outcome recorded in the risk register', 'and follows up until every finding is closed', 'so that nothing is missed between reviews'];
const SYSTEMS = ['AWS', 'Okta', 'GitHub', 'Google Workspace', 'Slack', 'the HR system', 'the CRM', 'the data warehouse', 'the support console', 'Jira', 'the MDM service', 'the password manager'];

// Spaces inside a reference are non-breaking while wrapping (NBSP_MARK), so a reference never
// straddles two lines; they become ordinary spaces again in the file.
const NBSP_MARK = '\u0001';
function refForm(rng, id) {
  const n = id.slice(2);
  switch (rng.int(0, 7)) {
    case 0: return `Annex${NBSP_MARK}A${NBSP_MARK}${n}`;
    case 1: return `**${id}**`;
    case 2: return `ISO${NBSP_MARK}27001:2022${NBSP_MARK}${id}`;
    case 3: return `A${NBSP_MARK}${n}`;
    default: return id;
  }
}

function sentence(rng, cite) {
  const s = `${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(WHENS)}, ${rng.pick(TAILS)}`;
  return cite ? `${s} (${refForm(rng, cite)}).` : `${s}.`;
}

/** Joins sentences into a paragraph wrapped at ~100 columns, as people write in editors. */
function paragraph(rng, count, cites) {
  const words = [];
  for (let i = 0; i < count; i++) words.push(...sentence(rng, cites[i]).split(' '));
  const lines = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > 100) { lines.push(line); line = w; } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function isoDate(y, m, d) { return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`; }

function policy(rng, unit, topic, extra, flags) {
  const [, title, topicControls] = topic;
  const controls = [...new Set([...topicControls, ...extra])];
  const owner = rng.pick(ROLES);
  const effMonth = rng.int(1, 12);
  const effective = isoDate(2026, effMonth, rng.int(1, 28));
  const nextReview = flags.overdue ? isoDate(2026, rng.int(1, 10), rng.int(1, 28)) : isoDate(2027, effMonth, rng.int(1, 28));
  const unitName = `Business Unit ${String(unit + 1).padStart(2, '0')}`;
  const cite = (i) => controls[i % controls.length];
  const out = [];
  out.push('---', `title: ${title} Policy (${unitName})`, `owner: ${owner}`);
  if (!flags.missingApprover) out.push('approved-by: Chief Executive Officer');
  out.push(`version: "${rng.int(1, 4)}.${rng.int(0, 9)}"`, `effective: ${effective}`, `next-review: ${nextReview}`, `classification: ${rng.pick(['internal', 'internal', 'confidential', 'public'])}`, `controls: [${controls.join(', ')}]`, '---', '');
  out.push(`# ${title} Policy`, '', `This policy applies to ${unitName}. It is part of the ISMS described in the Information Security Policy and`,
    `supports clause 6.1.3 of ISO/IEC 27001:2022 (the Statement of Applicability lists every control cited here).`, '');
  out.push('## Purpose', '', paragraph(rng, 4, [cite(0), undefined, cite(1), undefined]), '');
  out.push('## Scope', '', paragraph(rng, 3, [undefined, cite(2), undefined]), '');
  out.push('## Roles and responsibilities', '', '| Role | Responsibility | Evidence | Control |', '|---|---|---|---|');
  for (let i = 0; i < Math.max(5, controls.length); i++) out.push(`| ${rng.pick(ROLES)} | ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} | Records in ${rng.pick(SYSTEMS)} | ${cite(i + 3)} |`);
  out.push('', '## Requirements', '');
  for (let i = 0; i < 7; i++) out.push(`${i + 1}. ${sentence(rng, i % 2 === 0 ? cite(i + 1) : undefined)}`);
  if (flags.legacy) out.push(`8. Requirements carried over from the 2013 edition still cite A.9.2.3 in older customer questionnaires.`);
  out.push('', '## Procedure', '');
  for (let i = 0; i < 6; i++) out.push(`- **${rng.pick(['Request', 'Approve', 'Implement', 'Verify', 'Record', 'Review'])}:** ${sentence(rng, i === 2 ? cite(i) : undefined)}`);
  out.push('', 'Records use the template below; the labels are kept from the old tracker so that historic reports still match.', '');
  out.push('```text', `Record:     ${topic[0].toUpperCase()}-2026-${String(rng.int(1, 999)).padStart(3, '0')}`, `Owner:      ${owner}`, 'Labels:     iso-A.9.2.3, iso-A.12.4.1', `System:     ${rng.pick(SYSTEMS)}`, 'Outcome:    (one line per action, UTC)', '```', '');
  out.push('## Exceptions', '', paragraph(rng, 2, [undefined, undefined]), '');
  out.push('## Review', '', `${owner} reviews this policy at least once a year and after any significant change, in line with`,
    'the document-control procedure of the ISMS handbook.', '');
  return { text: out.join('\n').replaceAll(NBSP_MARK, ' '), controls };
}

function riskRegister(rng, applicable) {
  const out = ['# Risk register (generated for the ISMS Author benchmark)', 'risks:'];
  const risks = [];
  for (let i = 1; i <= 40; i++) {
    const id = `R-${String(i).padStart(3, '0')}`;
    const controls = i === 1 ? ['A.5.15', 'A.5.17', 'A.8.5'] : rng.sample(applicable, rng.int(2, 6)).sort(compareIds);
    risks.push({ id, controls });
    out.push(`  ${id}:`, `    title: ${rng.pick(OBJECTS).replace(/^the /, '')} fails and exposes data held in ${rng.pick(SYSTEMS)}`,
      `    owner: ${rng.pick(ROLES)}`, `    likelihood: ${rng.int(1, 5)}`, `    impact: ${rng.int(1, 5)}`,
      `    treatment: ${i % 13 === 0 ? 'accept' : 'mitigate'}`, `    controls: [${controls.join(', ')}]`);
  }
  return { text: out.join('\n') + '\n', risks };
}

export function compareIds(a, b) {
  const pa = a.slice(2).split('.').map(Number);
  const pb = b.slice(2).split('.').map(Number);
  return pa[0] - pb[0] || pa[1] - pb[1];
}

function soaEntryLines(rng, c, ctx, listForm) {
  const { risksByControl, policiesByControl } = ctx;
  const lines = [];
  const ind = '    ';
  if (listForm) lines.push(`  - id: ${c.id}`); else lines.push(`  ${c.id}:`);
  if (EXCLUDED.includes(c.id)) {
    lines.push(`${ind}applicable: false`);
    const just = c.id === KEYSTROKE_CONTROL ? SHORT_JUSTIFICATION
      : `No ${c.title.toLowerCase()} of our own, as staff work remotely and all servers run in provider data centres covered by A.5.23.`;
    lines.push(`${ind}justification: ${just}`);
    return lines;
  }
  const risks = risksByControl.get(c.id) ?? [];
  const reasons = risks.length ? ['risk', ...(rng.chance(0.3) ? [rng.pick(['legal', 'contractual', 'regulatory'])] : [])] : [rng.pick(['contractual', 'legal', 'business', 'best-practice'])];
  const pols = (policiesByControl.get(c.id) ?? []).slice(0, 3);
  lines.push(`${ind}applicable: true`, `${ind}status: ${c.id === FLIP_CONTROL ? 'implemented' : rng.pick(['implemented', 'implemented', 'partial', 'planned', 'not-started'])}`,
    `${ind}reasons: [${reasons.join(', ')}]`);
  if (risks.length) lines.push(`${ind}risks: [${risks.slice(0, 4).join(', ')}]`);
  lines.push(`${ind}justification: ${c.title} is needed because ${rng.pick(OBJECTS)} depends on it; customers ask about it in ${rng.pick(['security questionnaires', 'contract reviews', 'due-diligence calls'])} and ${rng.pick(SYSTEMS)} holds data in scope.`,
    `${ind}owner: ${rng.pick(ROLES)}`);
  if (pols.length) lines.push(`${ind}policies: [${pols.join(', ')}]`);
  lines.push(`${ind}evidence: ${rng.pick(['Quarterly review tickets', 'Signed-off reports', 'Exported configuration snapshots', 'Minutes of the Security Steering Group'])} in ${rng.pick(SYSTEMS)}; ${rng.pick(OBJECTS)} checked ${rng.pick(WHENS)}.`);
  return lines;
}

function soa(rng, controls, ctx, copies) {
  const listForm = copies > 1;
  const out = ['# Statement of Applicability (generated for the ISMS Author benchmark)', 'standard: ISO/IEC 27001:2022', 'organization: Bench Industries Ltd',
    'version: "3.1"', 'approved-by: Chief Executive Officer', 'approved-on: 2026-10-01', 'risk-register: risks.yaml', 'controls:'];
  for (let copy = 0; copy < copies; copy++) {
    if (listForm) out.push(`  # ---------------------------------------------------------------- copy ${copy + 1} of ${copies}`);
    for (const c of controls) out.push(...soaEntryLines(rng, c, ctx, listForm));
  }
  return out.join('\n') + '\n';
}

function readControls(repo) {
  const csv = readFileSync(path.join(repo, 'catalogue/data/annex-a-2022.csv'), 'utf8').trim().split('\n').slice(1);
  return csv.map((line) => {
    const fields = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replaceAll('""', '"'));
    return { id: fields[0], title: fields[2] };
  });
}

/**
 * Writes the workspaces under `root` and returns what the benchmark needs to know about them.
 * Policies are written once per workspace folder (each folder is one ISMS scope).
 */
export function generate(root, repo, seed = 27001, { units = UNITS, only } = {}) {
  const rng = createRng(seed);
  const controls = readControls(repo);
  const applicable = controls.map((c) => c.id).filter((id) => !EXCLUDED.includes(id));

  const policies = [];
  for (let unit = 0; unit < units; unit++) {
    for (const topic of TOPICS) {
      const extra = rng.sample(applicable, rng.int(1, 3));
      const n = policies.length;
      const flags = { overdue: n % 97 === 13, legacy: n % 89 === 7, missingApprover: n % 151 === 42 };
      const { text, controls: cited } = policy(rng, unit, topic, extra, flags);
      policies.push({ rel: `policies/unit-${String(unit + 1).padStart(units > 99 ? 3 : 2, '0')}/${topic[0]}.md`, text, cited });
    }
  }
  const policiesByControl = new Map();
  for (const p of policies) for (const id of p.cited) (policiesByControl.get(id) ?? policiesByControl.set(id, []).get(id)).push(p.rel);

  const reg = riskRegister(rng, applicable);
  const risksByControl = new Map();
  for (const r of reg.risks) for (const id of r.controls) (risksByControl.get(id) ?? risksByControl.set(id, []).get(id)).push(r.id);
  const ctx = { risksByControl, policiesByControl };
  const soa93 = soa(rng, controls, ctx, 1);
  const soa930 = soa(rng, controls, ctx, 10);

  const config = (extra) => ['# ISMS Author configuration (benchmark workspace)', 'soa: [soa.yaml]', 'risks: [risks.yaml]', 'policies: ["policies/**/*.md"]', ...extra].join('\n') + '\n';
  const workspaces = {};
  for (const [name, soaText, cfg] of [
    ['ws-93', soa93, config([])],
    // The 930-entry SoA repeats each control ten times; our checker would report 837 duplicates,
    // which the peer's schema cannot see, so that one code is switched off for this workspace.
    ['ws-930', soa930, config(['severity:', '  soa/duplicate-control: "off"'])],
  ]) {
    if (only && !only.includes(name)) continue;
    const dir = path.join(root, name);
    for (const p of policies) {
      mkdirSync(path.dirname(path.join(dir, p.rel)), { recursive: true });
      writeFileSync(path.join(dir, p.rel), p.text);
    }
    writeFileSync(path.join(dir, 'soa.yaml'), soaText);
    writeFileSync(path.join(dir, 'risks.yaml'), reg.text);
    writeFileSync(path.join(dir, 'isms.config.yaml'), cfg);
    workspaces[name] = { dir, soa: path.join(dir, 'soa.yaml'), soaText, entries: name === 'ws-93' ? 93 : 930 };
  }
  // Policies whose prose (not only fenced code) cites the flipped control: their diagnostics change
  // when it is excluded or included again.
  const flipCiting = policies.filter((p) => p.cited.includes(FLIP_CONTROL)).map((p) => p.rel);
  const flipInRisks = (risksByControl.get(FLIP_CONTROL) ?? []).length > 0;
  const avgPolicyBytes = Math.round(policies.reduce((s, p) => s + Buffer.byteLength(p.text), 0) / policies.length);
  return { workspaces, policies: policies.map((p) => p.rel), flipCiting, flipInRisks, avgPolicyBytes };
}
