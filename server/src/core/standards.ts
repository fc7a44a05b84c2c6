// Which standard or framework a piece of text names. Integrated management systems cite ISO/IEC
// 42001, 27701, 27017 and others next to ISO/IEC 27001; their annexes number controls the same
// way ("A.7.2"), so a reference belongs to ISO/IEC 27001 only when its context does not name
// another standard. ISO/IEC 27002 numbers its controls as 27001's Annex A does, so it counts as
// ours; the companion guides (27000, 27003 to 27005) have no controls of their own and name nothing.

export type MentionKind = 'ours' | 'iso' | 'framework';
export interface Mention { kind: MentionKind; name: string; index: number }

const ISO_NUMBER = /\b(?:(?:DIN[ \t]+)?(?:EN[ \t]+)?ISO(?:[ \t]*\/[ \t]*IEC)?|IEC)[ \t]*(\d{4,5})(?:-\d{1,2})?(?::[ \t]?(?:19|20)\d\d)?\b|\b(2700[0-5]|270[1-9]\d|4200[1-9]|9001|14001|20000|22301|31000|45001)(?::(?:19|20)\d\d)?\b/gi;
const FRAMEWORKS: [RegExp, string][] = [
  [/\bSOC[ \t]?[12]\b|\bTSC\b|\bTrust Services Criteria\b/g, 'SOC 2'],
  [/\bPCI[ \t-]?DSS\b/g, 'PCI DSS'],
  [/\bCIS(?:[ \t]+(?:Controls?|Benchmarks?|v\d))?\b/g, 'CIS Controls'],
  [/\bNIST\b|\bCSF\b|\bSP[ \t]?800-\d+/g, 'NIST'],
  [/\bHIPAA\b/g, 'HIPAA'],
  [/\bCSA[ \t]+CCM\b|\bCCM\b/g, 'CSA CCM'],
  [/\bBSI\b|\bGrundschutz\b|\bC5\b/g, 'BSI'],
  [/\bCOBIT\b/g, 'COBIT'],
  [/\bTISAX\b|\bVDA[ \t]?ISA\b/g, 'TISAX'],
  [/\bNIS[ \t]?2\b|\bDORA\b/g, 'EU regulation'],
];

const NEUTRAL = new Set(['27000', '27003', '27004', '27005']);

/** Anything that could name another standard or framework (a quick test before the exact one). */
const MAY_NAME_FRAMEWORK = /(?<![A-Za-z])(?:SOC|TSC|PCI|CIS|NIST|CSF|SP ?800|HIPAA|CCM|BSI|Grundschutz|C5|COBIT|TISAX|VDA|NIS ?2|DORA)(?![A-Za-z])/;
const MAY_NAME_ISO = /(?<!\d)(?:27(?!00)\d\d\d|42001|9001|14001|20000|22301|31000|45001)(?!\d)/;
const MAY_BE_ANNEX_B = /(?<![\w.])B ?\. ?\d/;

/**
 * Whether `text` may name a standard other than ISO/IEC 27001 (an acronym as written, in
 * capitals; another ISO number) or hold an Annex B entry. A quick test on every document: most
 * name nothing else, and then no reference needs its context read. `frameworks: false` skips the
 * frameworks without an Annex A, which can only claim bare numbers.
 */
export const mayNameOther = (text: string, frameworks = true): boolean =>
  MAY_NAME_ISO.test(text) || ((text.includes('B.') || text.includes('B .')) && MAY_BE_ANNEX_B.test(text)) || (frameworks && MAY_NAME_FRAMEWORK.test(text));

/** Every standard or framework named in `text`, in order. */
export function mentionsIn(text: string): Mention[] {
  const out: Mention[] = [];
  if (!text.includes('2700') && !text.includes('Annex') && !text.includes('Anhang') && !mayNameOther(text)) return out;
  for (const m of text.matchAll(ISO_NUMBER)) {
    const n = m[1] ?? m[2];
    if (NEUTRAL.has(n)) continue;
    out.push(n === '27001' || n === '27002' ? { kind: 'ours', name: 'ISO/IEC 27001', index: m.index! } : { kind: 'iso', name: `ISO/IEC ${n}`, index: m.index! });
  }
  for (const m of text.matchAll(/\b(?:Annex|Anhang)[ \t]+A\b/g)) out.push({ kind: 'ours', name: 'Annex A', index: m.index! });
  for (const [re, name] of FRAMEWORKS) for (const m of text.matchAll(re)) out.push({ kind: 'framework', name, index: m.index! });
  return out.sort((a, b) => a.index - b.index);
}

/**
 * The standard that claims a reference from these mentions, or undefined when they name
 * ISO/IEC 27001 or nothing that could own it. `explicit` references ("A.7.2") belong only to an
 * ISO standard's Annex A; bare numbers ("control 8.1") to any framework. `nearest`: the last
 * mention decides (within a sentence); otherwise naming ISO/IEC 27001 at all keeps it ours (a
 * heading "NIST CSF to ISO 27001 mapping").
 */
export function claimant(mentions: readonly Mention[], explicit: boolean, nearest: boolean): string | undefined {
  const usable = mentions.filter((m) => m.kind !== 'framework' || !explicit);
  // "Annex A" next to another ISO number is that standard's Annex A.
  const relevant = usable.some((m) => m.kind === 'iso') ? usable.filter((m) => m.name !== 'Annex A') : usable;
  if (!relevant.length) return undefined;
  if (nearest) {
    const last = relevant[relevant.length - 1];
    return last.kind === 'ours' ? undefined : last.name;
  }
  if (relevant.some((m) => m.kind === 'ours')) return undefined;
  return relevant[relevant.length - 1].name;
}

/** Whether the mentions decide for what follows (a heading or label that names some standard). */
export const decides = (mentions: readonly Mention[], explicit: boolean): boolean =>
  mentions.some((m) => m.kind !== 'framework' || !explicit);
