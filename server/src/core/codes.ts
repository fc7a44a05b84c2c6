// Diagnostic codes are public API: never rename one. Each has a default severity and a short
// help text (shown in SARIF rule metadata and the README).
import type { Severity } from './types';

export const DIAGNOSTICS = {
  'soa/excluded-without-justification': { severity: 'error', help: 'An excluded control needs a specific justification; auditors reject placeholders such as N/A.' },
  'soa/applicable-without-risk': { severity: 'warning', help: 'An applicable control should trace to a risk or record another reason (legal, contractual, business). Without a risk register in the scope, this is one finding for all of them.' },
  'soa/missing-control': { severity: 'error', help: 'The SoA must address every Annex A control, applicable or not.' },
  'soa/duplicate-control': { severity: 'error', help: 'A control appears twice in the SoA; keep one entry.' },
  'soa/invalid-value': { severity: 'error', help: 'A field of the SoA has a value outside its vocabulary or of the wrong type.' },
  'soa/status-conflict': { severity: 'error', help: '`applicable` and `status` contradict each other.' },
  'soa/undecided': { severity: 'info', help: 'The SoA lists the control but does not yet say whether it applies.' },
  'soa/repeated-justification': { severity: 'warning', help: 'Template wording, or one justification pasted on unrelated controls; auditors want a reason specific to each decision. A specific reason shared by related controls is fine, and traceable decisions get a hint at most.' },
  'soa/implemented-without-evidence': { severity: 'warning', help: 'A control marked implemented names no implementing policy, evidence or owner.' },
  'soa/stale': { severity: 'warning', help: 'The SoA was approved before the latest change to its risk register or cited policies.' },
  'soa/unknown-field': { severity: 'info', help: 'A field the tool does not know; prefix custom fields with x-.' },
  'ref/unknown-control': { severity: 'error', help: 'The ID is not an ISO/IEC 27001:2022 or 2013 Annex A control.' },
  'ref/legacy-control': { severity: 'warning', help: 'An ISO/IEC 27001:2013 ID; cite its 2022 successor instead.' },
  'ref/title-mismatch': { severity: 'warning', help: 'The title written next to a control ID is the title of another control; fix the ID or the title.' },
  'ref/mixed-edition': { severity: 'warning', help: 'The file declares ISO/IEC 27001:2022 but cites a 2013 ID; cite its 2022 successor.' },
  'ref/clause-as-control': { severity: 'warning', help: 'A management-system clause (4 to 10) is cited as an Annex A control; write "clause".' },
  'ref/unknown-risk': { severity: 'error', help: 'The risk ID is not in the risk register.' },
  'ref/missing-file': { severity: 'error', help: 'A referenced file does not exist in the workspace.' },
  'policy/excluded-control-cited': { severity: 'warning', help: 'The policy relies on a control that the SoA excludes.' },
  'policy/missing-metadata': { severity: 'warning', help: 'Front matter lacks a required document-control field.' },
  'policy/claims-uncited': { severity: 'info', help: 'The front-matter `controls:` list names a control the policy never cites or addresses.' },
  'policy/cites-unclaimed': { severity: 'info', help: 'The policy cites a control its front-matter `controls:` list does not name.' },
  'policy/version-not-bumped': { severity: 'warning', help: 'The policy differs from its last committed version, but its front-matter version is unchanged.' },
  'policy/review-overdue': { severity: 'warning', help: 'The policy\'s next-review date has passed.' },
  'risk/untreated': { severity: 'warning', help: 'A risk to mitigate names no control that treats it.' },
  'risk/excluded-control': { severity: 'warning', help: 'A risk is treated by a control that the SoA excludes.' },
  'risk/invalid-value': { severity: 'error', help: 'A field of the risk register has a value outside its vocabulary or range.' },
  'risk/duplicate-risk': { severity: 'error', help: 'A risk ID appears twice in the register.' },
  'file/syntax': { severity: 'error', help: 'The file could not be parsed (YAML or front matter syntax).' },
  'file/too-large': { severity: 'info', help: 'The file exceeds the configured size limit and was not checked.' },
  'config/invalid': { severity: 'warning', help: 'A setting in isms.config.yaml is unknown or invalid; the default is used.' },
} as const satisfies Record<string, { severity: Severity; help: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;
export const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTICS) as DiagnosticCode[];
