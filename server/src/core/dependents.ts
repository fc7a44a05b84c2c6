// Which documents' findings can change when some documents change: a keystroke in the SoA
// re-checks the policies and risk registers only when the set of excluded controls moved, a
// change in the register re-checks the SoA only when risk IDs or their controls moved, and a
// policy edit re-checks the policy and the SoA (which may cite it) but no other policy.
import type { DiagnosticCode } from './codes';
import { isExcluded } from './soa';
import type { ScopeIndex, SoaFile } from './scopeIndex';
import type { Finding } from './types';

export interface ScopeFacts { excluded: string; excludedIds: Set<string>; risks: string; files: string }

export function scopeFacts(index: ScopeIndex): ScopeFacts {
  const excluded = index.soas.map((s) => `${s.doc.uri}:${s.soa.entries.filter(isExcluded).map((e) => e.id).join(',')}`).join('|');
  const risks = [...index.risks.keys()].join(',') + '|' + [...index.risksByControl].map(([c, r]) => `${c}=${r.join(',')}`).join(';');
  const files = index.scope.docs().length + ':' + index.registers.map((r) => r.doc.uri).join(',') + ':' + index.soas.map((s) => s.doc.uri).join(',');
  const excludedIds = new Set(index.soas.flatMap((s) => s.soa.entries.filter(isExcluded).map((e) => e.id)));
  return { excluded, excludedIds, risks, files };
}

/** URIs to re-check after `changed`, or 'all' when everything in the scope may be affected. */
export function dependents(index: ScopeIndex, changed: string[], before: ScopeFacts | undefined, after: ScopeFacts): string[] | 'all' {
  if (!before || before.files !== after.files) return 'all';
  const out = new Set(changed);
  const soas = index.soas.map((s) => s.doc.uri);
  for (const uri of changed) {
    const kind = index.soas.some((s) => s.doc.uri === uri) ? 'soa'
      : index.registers.some((r) => r.doc.uri === uri) ? 'risks'
      : index.markdown.some((m) => m.doc.uri === uri) ? 'markdown' : 'other';
    if (kind === 'other') return 'all';
    if (kind === 'soa' && before.excluded !== after.excluded) {
      // Only the documents citing a control whose exclusion changed can change.
      const moved = [...before.excludedIds, ...after.excludedIds].filter((id) => before.excludedIds.has(id) !== after.excludedIds.has(id));
      if (!moved.length) for (const m of index.markdown) out.add(m.doc.uri);
      for (const id of moved) for (const c of index.citationsOf(id)) if (c.via === 'policy' || c.via === 'markdown') out.add(c.uri);
      for (const r of index.registers) out.add(r.doc.uri);
    }
    if (kind === 'risks' && before.risks !== after.risks) for (const s of soas) out.add(s);
    if (kind === 'markdown' || kind === 'risks') for (const s of soas) out.add(s);
  }
  return [...out];
}

/** A file whose findings a given file can change, and which of its findings those are. */
export interface Dependent { uri: string; because: string; caused: (f: Finding) => boolean }

const codeIn = (codes: readonly DiagnosticCode[]) => (f: Finding) => (codes as readonly string[]).includes(f.code);
/** What an SoA reports from its register: risks it names, links to risks, its approval date, the register's path. */
const soaFromRegister = (soa: SoaFile) => (f: Finding) =>
  codeIn(['ref/unknown-risk', 'soa/applicable-without-risk', 'soa/stale'])(f) || (f.code === 'ref/missing-file' && f.data?.path === soa.soa.riskRegister?.value);

/**
 * The files other than `changed` whose findings depend on it (a commit of `risks.yaml` alone can
 * break `soa.yaml`), each with a test for the findings a change there can cause. A changed
 * configuration can change everything in its scope.
 */
export function crossFileDependents(index: ScopeIndex, changed: string): Dependent[] {
  const out: Dependent[] = [];
  const add = (uri: string, caused: (f: Finding) => boolean) => { if (uri !== changed) out.push({ uri, because: changed, caused }); };
  const soa = index.soaFile(changed);
  if (soa) {
    // Policies citing, and risks treated by, a control the SoA excludes.
    for (const m of index.markdown) if (m.isPolicy && index.soaFor(m.doc.uri) === soa) add(m.doc.uri, codeIn(['policy/excluded-control-cited']));
    for (const r of index.registers) if (index.soaFor(r.doc.uri) === soa) add(r.doc.uri, codeIn(['risk/excluded-control']));
  } else if (index.registerFile(changed)) {
    const register = index.registerFile(changed);
    // An SoA whose named register is missing may name this one under an old path.
    for (const s of index.soas) {
      const named = index.registerFor(s);
      if (named === register || (!named && s.soa.riskRegister)) add(s.doc.uri, soaFromRegister(s));
    }
  } else if (index.markdownFile(changed)) {
    // The SoA's approval may now be older than the policy.
    const governing = index.soaFor(changed);
    if (governing) add(governing.doc.uri, codeIn(['soa/stale']));
  } else if (index.scope.configDoc?.uri === changed) {
    for (const d of index.scope.docs()) add(d.uri, () => true);
  }
  return out;
}
