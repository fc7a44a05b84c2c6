// The SoA at a glance for an assistant: counts per theme and state, and the lists an auditor
// asks about first. Built on controlsOverview (the controls view and coverage report) and the
// same findings as `check`, so a code turned off in isms.config.yaml stays off here too.
import { catalogue, THEMES } from '../catalogue';
import { computeFindings } from '../diagnostics';
import { controlsOverview, type ControlState } from '../overview';
import type { Workspace } from '../workspace';

export const CONTROL_STATES: readonly ControlState[] = ['implemented', 'partial', 'planned', 'not-started', 'excluded', 'undecided', 'not-addressed'];

export interface SoaSummary {
  scope: string;
  soaFile?: string;
  organization?: string;
  total: number;
  decided: number;
  byState: Record<ControlState, number>;
  byTheme: { theme: string; total: number; states: Record<ControlState, number> }[];
  excludedWithoutJustification: { id: string; title: string; line: number; message: string }[];
  applicableWithoutRisk: { id: string; title: string; line: number }[];
  undecided: string[];
  missing: string[];
  errors: number;
  warnings: number;
}

const zero = (): Record<ControlState, number> => Object.fromEntries(CONTROL_STATES.map((s) => [s, 0])) as Record<ControlState, number>;

/** One summary per scope with an SoA or register whose root `served` accepts. */
export function soaSummaries(ws: Workspace, served: (scopeRoot: string) => boolean, file: (uri: string) => string, today: string): SoaSummary[] {
  const out: SoaSummary[] = [];
  for (const o of controlsOverview(ws, undefined, today).scopes) {
    if (!served(o.root)) continue;
    const byState = zero();
    const byTheme = THEMES.map((theme) => ({ theme: theme as string, total: 0, states: zero() }));
    for (const c of o.controls) {
      byState[c.state]++;
      const t = byTheme.find((x) => x.theme === c.theme)!;
      t.total++;
      t.states[c.state]++;
    }
    const soaFindings = o.soaUri ? computeFindings(ws, o.soaUri, { today }) : [];
    const about = (code: string) => soaFindings.filter((f) => f.code === code && typeof f.data?.id === 'string');
    const title = (id: string) => catalogue.control(id)?.title ?? '';
    out.push({
      scope: file(o.root),
      soaFile: o.soaUri ? file(o.soaUri) : undefined,
      organization: o.organization,
      total: o.total,
      decided: o.decided,
      byState,
      byTheme,
      excludedWithoutJustification: about('soa/excluded-without-justification').map((f) => ({ id: String(f.data!.id), title: title(String(f.data!.id)), line: f.range.start.line + 1, message: f.message })),
      applicableWithoutRisk: about('soa/applicable-without-risk').map((f) => ({ id: String(f.data!.id), title: title(String(f.data!.id)), line: f.range.start.line + 1 })),
      undecided: o.controls.filter((c) => c.state === 'undecided').map((c) => c.id),
      missing: o.controls.filter((c) => c.state === 'not-addressed').map((c) => c.id),
      errors: o.errors,
      warnings: o.warnings,
    });
  }
  return out;
}
