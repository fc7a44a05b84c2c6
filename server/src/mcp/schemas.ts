// Input and output schemas of the five tools (zod, turned into JSON Schema by the MCP SDK). The
// VS Code manifest declares the same input schemas; test/protocol/mcp.test.ts keeps them equal.
import * as z from 'zod';
import { MAX_PAGE } from '../core/assistant/records';
import { MAX_DRAFT_CHARS } from '../core/assistant/tools';

const severity = z.enum(['error', 'warning', 'info', 'hint']);
const page = {
  cursor: z.string().optional().describe('nextCursor from the previous answer, for the next page.'),
  limit: z.number().int().min(1).max(MAX_PAGE).optional().describe(`Results per page (default 100, at most ${MAX_PAGE}).`),
};

export const inputs = {
  check_workspace: {
    path: z.string().optional().describe('A file or folder inside the ISMS folder, relative to it (default: all of it).'),
    codes: z.array(z.string()).optional().describe('Only these diagnostic codes (soa/missing-control) or families (soa/, ref/, policy/, risk/, file/, config/).'),
    minSeverity: severity.optional().describe('Only findings at or above this severity.'),
    ...page,
  },
  check_text: {
    path: z.string().describe('The file the draft is for, relative to the ISMS folder (it need not exist yet), e.g. policies/access-control.md.'),
    text: z.string().max(MAX_DRAFT_CHARS).describe('The full text of the draft.'),
    ...page,
  },
  show_control: {
    id: z.string().describe('A 2022 control (A.5.15), a 2013 control (A.9.2.3) or a clause ("clause 6.1.3").'),
  },
  soa_overview: {},
  find_references: {
    id: z.string().describe('A control ID (A.5.15, or a 2013 ID such as A.9.2.3) or a risk ID (R-003).'),
    ...page,
  },
} as const;

const finding = z.object({
  file: z.string(), line: z.number(), column: z.number(), endLine: z.number(), endColumn: z.number(),
  severity, code: z.string(), message: z.string(),
});
const findingsPage = {
  summary: z.object({ error: z.number(), warning: z.number(), info: z.number(), hint: z.number() }),
  total: z.number().describe('Findings in all pages.'),
  findings: z.array(finding),
  nextCursor: z.string().optional().describe('Present when more findings follow: pass it as cursor.'),
};

export const outputs = {
  check_workspace: findingsPage,
  check_text: { file: z.string(), kind: z.string().describe('How the workspace classifies the path: soa, risks, policy, markdown, config or other.'), ...findingsPage },
  show_control: {
    id: z.string(), kind: z.enum(['control', 'legacy-control', 'legacy-objective', 'clause']), title: z.string(), edition: z.enum(['2022', '2013']),
    theme: z.string().optional(), isNew: z.boolean().optional(),
    attributes: z.record(z.string(), z.array(z.string())).optional(),
    predecessors: z.array(z.object({ id: z.string(), title: z.string().optional() })).optional(),
    successors: z.array(z.object({ id: z.string(), title: z.string().optional() })).optional(),
    guidance: z.looseObject({ intent: z.string() }).optional(),
    clauseSummary: z.string().optional(),
    documentedInformation: z.array(z.string()).optional(),
    workspace: z.array(z.looseObject({ scope: z.string(), decision: z.string().optional(), citingPolicies: z.array(z.object({ file: z.string(), line: z.number() })) })),
  },
  soa_overview: { scopes: z.array(z.looseObject({ scope: z.string(), total: z.number(), decided: z.number(), missing: z.array(z.string()), undecided: z.array(z.string()) })) },
  find_references: {
    target: z.object({ id: z.string(), kind: z.string(), title: z.string().optional(), defined: z.boolean() }),
    total: z.number(),
    references: z.array(z.object({ file: z.string(), line: z.number(), column: z.number(), via: z.string(), riskId: z.string().optional(), text: z.string() })),
    nextCursor: z.string().optional(),
  },
} as const;
