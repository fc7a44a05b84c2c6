// The built-in catalogue: ISO/IEC 27001:2022 Annex A controls, the 2013 controls with their
// successors, and clauses 4 to 10. Built by scripts/build-catalogue.mjs from catalogue/.
import data from '../../../catalogue/build/catalogue.json';

export interface ControlGuidance {
  intent: string;
  implement: string[];
  evidence: string[];
  gaps: string[];
  related: string[];
  policy: string;
  changes: string;
}

export interface Control {
  id: string;
  number: string;
  title: string;
  theme: 'Organizational' | 'People' | 'Physical' | 'Technological';
  isNew: boolean;
  attributes: {
    controlType: string[];
    securityProperties: string[];
    cybersecurityConcepts: string[];
    operationalCapabilities: string[];
    securityDomains: string[];
  };
  predecessors: string[];
  guidance: ControlGuidance | null;
}

export interface LegacyControl { id: string; title: string; domain: string; successors: string[] }

export interface Clause {
  id: string;
  title: string;
  note: string;
  guidance: { summary: string; documents: string[] } | null;
}

export interface Catalogue {
  readonly controls: readonly Control[];
  readonly legacy: readonly LegacyControl[];
  readonly clauses: readonly Clause[];
  control(id: string): Control | undefined;
  legacyControl(id: string): LegacyControl | undefined;
  /** 2013 control objectives such as A.9.2, with the controls they group. */
  legacyObjective(id: string): { id: string; domain: string; controls: LegacyControl[] } | undefined;
  clause(id: string): Clause | undefined;
  /** Catalogue order of a 2022 control, for sorting; Infinity when unknown. */
  order(id: string): number;
}

function createCatalogue(raw: { controls: Control[]; legacy: LegacyControl[]; clauses: Clause[] }): Catalogue {
  const controls = new Map(raw.controls.map((c) => [c.id, c]));
  const legacy = new Map(raw.legacy.map((c) => [c.id, c]));
  const objectives = new Map<string, { id: string; domain: string; controls: LegacyControl[] }>();
  for (const l of raw.legacy) {
    const id = l.id.split('.').slice(0, 3).join('.');
    const o = objectives.get(id) ?? { id, domain: l.domain, controls: [] };
    o.controls.push(l);
    objectives.set(id, o);
  }
  const clauses = new Map(raw.clauses.map((c) => [c.id, c]));
  const order = new Map(raw.controls.map((c, i) => [c.id, i]));
  return Object.freeze({
    controls: raw.controls,
    legacy: raw.legacy,
    clauses: raw.clauses,
    control: (id: string) => controls.get(id),
    legacyControl: (id: string) => legacy.get(id),
    legacyObjective: (id: string) => objectives.get(id),
    clause: (id: string) => clauses.get(id),
    order: (id: string) => order.get(id) ?? Number.POSITIVE_INFINITY,
  });
}

export const catalogue: Catalogue = createCatalogue(data as { controls: Control[]; legacy: LegacyControl[]; clauses: Clause[] });

export const THEMES = ['Organizational', 'People', 'Physical', 'Technological'] as const;
