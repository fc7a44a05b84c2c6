// Whether an SoA decision can be followed to its cause; shared by the risk and wording rules so
// that one decision is judged the same way by both.
import type { SoaFile } from '../scopeIndex';
import type { SoaEntry } from '../soa';
import type { RuleContext } from './context';

/**
 * Whether an applicable entry's decision can be followed: it links a risk (from either side; a
 * risk the register does not know links nothing) or records a reason other than `risk`.
 */
export function isTraceable(ctx: Pick<RuleContext, 'index'>, file: SoaFile, entry: SoaEntry): boolean {
  const register = ctx.index.registerFor(file);
  const known = register && ctx.index.riskIds(register);
  const linked = entry.risks.some((r) => !known || known.has(r.value)) || (ctx.index.risksByControl.get(entry.id)?.length ?? 0) > 0;
  return linked || entry.reasons.some((r) => r.value !== 'risk');
}

/** Up to eight IDs, then how many more. */
export const listIds = (ids: string[]) => (ids.length > 8 ? `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more` : ids.join(', '));

