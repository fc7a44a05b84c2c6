// The coverage bar: one horizontal bar per theme split by control state, as the coverage report
// in VS Code and the published site both draw it. Shared by the client and the CLI, so this
// module imports nothing; the colours come from CSS classes (`s-<state>`) the page defines.

export type CoverageState = 'implemented' | 'partial' | 'planned' | 'not-started' | 'excluded' | 'undecided' | 'not-addressed';

/** States in the order an auditor reads them, with their labels. */
export const COVERAGE_STATES: readonly { state: CoverageState; label: string }[] = [
  { state: 'implemented', label: 'Implemented' },
  { state: 'partial', label: 'Partial' },
  { state: 'planned', label: 'Planned' },
  { state: 'not-started', label: 'Not started' },
  { state: 'excluded', label: 'Excluded' },
  { state: 'undecided', label: 'Undecided' },
  { state: 'not-addressed', label: 'Not addressed' },
];

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A 100 x 10 bar whose segments are the shares of each state; `label` names it for screen readers. */
export function coverageBarSvg(counts: Partial<Record<CoverageState, number>>, label: string): string {
  const total = COVERAGE_STATES.reduce((n, s) => n + (counts[s.state] ?? 0), 0);
  let x = 0;
  const segments = COVERAGE_STATES.map(({ state, label: name }) => {
    const n = counts[state] ?? 0;
    if (!n || !total) return '';
    const w = (n / total) * 100;
    const rect = `<rect class="s-${state}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="10"><title>${esc(`${name}: ${n}`)}</title></rect>`;
    x += w;
    return rect;
  }).join('');
  return `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${segments}</svg>`;
}

/** The legend under the bars: a swatch and a label per state. */
export function coverageLegend(): string {
  return `<ul class="legend">${COVERAGE_STATES.map(({ state, label }) => `<li><svg width="10" height="10" aria-hidden="true"><rect class="s-${state}" width="10" height="10"/></svg> ${esc(label)}</li>`).join('')}</ul>`;
}
