// `isms-author init`: scaffolds a small ISMS workspace (SoA with all 93 controls, a risk register
// with two example risks, two policy skeletons and a commented configuration). It never
// overwrites: files that exist are reported as skipped and left exactly as they were.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Document, visit } from 'yaml';
import { catalogue } from '../core/catalogue';
import { DIAGNOSTICS } from '../core/codes';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG } from '../core/config';

export interface InitOptions {
  /** YYYY-MM-DD used for policy dates; defaults to the host's clock. */
  today?: string;
}

/** Writes the scaffold into `dir` (created if needed); returns absolute paths created and skipped. */
export async function runInit(dir: string, options: InitOptions = {}): Promise<{ created: string[]; skipped: string[] }> {
  const root = path.resolve(dir);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const files: [string, string][] = [
    [CONFIG_FILE_NAME, configTemplate()],
    ['soa.yaml', soaTemplate()],
    ['risks.yaml', risksTemplate()],
    ['policies/information-security-policy.md', informationSecurityPolicy(today)],
    ['policies/access-control.md', accessControlPolicy(today)],
  ];
  const created: string[] = [];
  const skipped: string[] = [];
  for (const [rel, text] of files) {
    const file = path.join(root, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      // 'wx' fails if the file exists, so a file created meanwhile is never clobbered either.
      await fs.writeFile(file, text, { flag: 'wx' });
      created.push(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') skipped.push(file);
      else throw e;
    }
  }
  return { created, skipped };
}

/** One year after a YYYY-MM-DD date (29 February becomes 28 February). */
function nextYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ------------------------------------------------------------------------------- templates

export function soaTemplate(): string {
  const lines = [
    '# Statement of Applicability (ISO/IEC 27001:2022, clause 6.1.3 d)',
    '#',
    '# Every Annex A control has an entry below, in catalogue order. For each one, decide:',
    '#   applicable: true    and link the risks it treats (risks: [R-001]) or record another',
    '#                       reason (reasons: [legal, contractual, business, best-practice]);',
    '#   applicable: false   and write a justification specific to your organisation.',
    '# Then keep status (not-started | planned | partial | implemented), owner, the policies that',
    '# implement the control and the evidence an auditor can inspect up to date.',
    '# Hover a control ID in the editor, or run `isms-author show A.5.15`, for guidance.',
    'standard: ISO/IEC 27001:2022',
    'organization: Your Organisation Ltd',
    'version: "0.1"',
    '# approved-by: Chief Executive Officer',
    '# approved-on: YYYY-MM-DD',
    'risk-register: risks.yaml',
    'controls:',
  ];
  let theme = '';
  for (const c of catalogue.controls) {
    if (c.theme !== theme) {
      theme = c.theme;
      lines.push(`  # ${'-'.repeat(40)} ${c.number.split('.')[0]} ${theme} controls`);
    }
    lines.push(`  # ${c.id} ${c.title} (${c.theme})`, `  ${c.id}:`, '    status: not-started');
  }
  return lines.join('\n') + '\n';
}

export function risksTemplate(): string {
  return `# Information security risk register
#
# One entry per risk. Score likelihood and impact from 1 (rare, minor) to 5 (almost certain,
# severe) with the method your risk assessment procedure defines (clause 6.1.2), choose a
# treatment (mitigate | accept | transfer | avoid) and list the Annex A controls that treat it.
# The two risks below are examples: replace them with the results of your own assessment.
risks:
  R-001:
    title: A phished staff password lets an attacker into e-mail and shared documents
    owner: IT Manager
    likelihood: 4
    impact: 4
    treatment: mitigate
    controls: [A.5.17, A.6.3, A.8.5]
  R-002:
    title: The production database is lost and the backups turn out not to restore
    owner: Head of Engineering
    likelihood: 2
    impact: 5
    treatment: mitigate
    controls: [A.5.30, A.8.13]
`;
}

function frontMatter(fields: { title: string; owner: string; controls: string[] }, today: string): string {
  return `---
title: ${fields.title}
owner: ${fields.owner}
approved-by: Chief Executive Officer
version: "0.1"
effective: ${today}
next-review: ${nextYear(today)}
classification: internal
controls: [${fields.controls.join(', ')}]
---
`;
}

export function informationSecurityPolicy(today: string): string {
  return `${frontMatter({ title: 'Information Security Policy', owner: 'Information Security Manager', controls: ['A.5.1', 'A.5.2', 'A.5.4', 'A.5.36', 'A.6.4'] }, today)}
# Information Security Policy

> Skeleton written by \`isms-author init\`. Fill in the text in square brackets, delete
> what does not fit your organisation, and record the approval before version 1.0.

## 1. Purpose
This policy states how [organisation] protects the information it holds for customers, staff
and partners, and how leadership supports that work (A.5.1).

## 2. Scope
It applies to [the products, locations, systems and people inside the ISMS scope], and to
contractors and suppliers who handle our information.

## 3. Objectives
- [Measurable objective, for example: no customer data incident with regulatory impact this year.]
- [Measurable objective, for example: every staff member completes security onboarding in week one.]

## 4. Roles and responsibilities
| Role | Responsibility |
|---|---|
| Chief Executive Officer | Approves this policy and the risk acceptance criteria. |
| Information Security Manager | Runs the ISMS, keeps the SoA and the risk register current (A.5.2). |
| Managers | Make sure their teams follow the policies that apply to them (A.5.4). |
| Everyone | Reports security events and suspected weaknesses without delay. |

## 5. Topic-specific policies
The rules for particular subjects live in the policies next to this one, for example the
[access control policy](access-control.md). Each names its owner and review date.

## 6. Compliance and exceptions
Compliance with this policy is checked in internal audits (A.5.36). Exceptions need a written
risk acceptance by the policy owner. Breaches may lead to disciplinary action (A.6.4).

## 7. Review
The owner reviews this policy at least once a year and after significant changes to the
business, its systems or its obligations.
`;
}

export function accessControlPolicy(today: string): string {
  return `${frontMatter({ title: 'Access Control Policy', owner: 'IT Manager', controls: ['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.3', 'A.8.5'] }, today)}
# Access Control Policy

> Skeleton written by \`isms-author init\`. Fill in the text in square brackets and delete
> what does not fit your organisation.

## 1. Purpose and scope
This policy sets out who may access [organisation]'s systems and information, how access is
granted and removed, and how people prove who they are (A.5.15). It covers [systems in scope].

## 2. Principles
- Access follows business need and least privilege; nobody approves their own access.
- Every person has one named account per system; shared accounts need a documented exception (A.5.16).

## 3. Granting, changing and removing access
- Access is requested through [ticketing system] and approved by the system owner (A.5.18).
- Access is removed on the last working day of a leaver, and reviewed when someone changes role.
- System owners review who has access to their systems [every quarter].

## 4. Privileged access
Administrative rights are granted to named people only, used from separate accounts where the
system allows it, and reviewed [every quarter] (A.8.2). Access to source code and production
data is limited to the teams that need it (A.8.3).

## 5. Authentication
- Passwords are generated and stored in the company password manager (A.5.17).
- Multi-factor authentication is required for e-mail, remote access, cloud consoles and every
  system that holds customer data (A.8.5).

## 6. Review
The owner reviews this policy at least once a year.
`;
}

/** The configuration with every default written out as a comment, so users see what they can change. */
export function configTemplate(): string {
  const defaults = {
    soa: DEFAULT_CONFIG.soa,
    risks: DEFAULT_CONFIG.risks,
    policies: DEFAULT_CONFIG.policies,
    exclude: DEFAULT_CONFIG.exclude,
    policy: { 'required-metadata': DEFAULT_CONFIG.policy.requiredMetadata },
    justification: {
      placeholders: DEFAULT_CONFIG.justification.placeholders,
      'min-length': DEFAULT_CONFIG.justification.minLength,
      'max-repeats': DEFAULT_CONFIG.justification.maxRepeats,
      similarity: DEFAULT_CONFIG.justification.similarity,
      templates: DEFAULT_CONFIG.justification.templates,
      families: DEFAULT_CONFIG.justification.families,
      traceable: DEFAULT_CONFIG.justification.traceable,
    },
    implemented: { 'require-one-of': DEFAULT_CONFIG.implemented.requireOneOf, 'require-all': DEFAULT_CONFIG.implemented.requireAll },
    limits: { 'max-file-size': DEFAULT_CONFIG.limits.maxFileSize },
  };
  const doc = new Document(defaults);
  visit(doc, { Seq(_key, node) { node.flow = true; } });
  const block = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const severities = (Object.entries(DIAGNOSTICS) as [string, { severity: string }][])
    .map(([code, d]) => `#   ${code}: ${d.severity}`);
  return [
    '# ISMS Author project configuration. This folder is the root of one ISMS scope.',
    '# Every setting is optional; the commented lines show the defaults. Uncomment a line to change it.',
    '# Globs are relative to this folder.',
    '#',
    ...block.split('\n').filter(Boolean).map((l) => `# ${l}`),
    '#',
    '# Severity per diagnostic code: error | warning | info | hint | off. The defaults are:',
    '# severity:',
    ...severities,
    '',
  ].join('\n');
}
