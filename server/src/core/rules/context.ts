import type { DiagnosticCode } from '../codes';
import type { IsmsConfig } from '../config';
import type { Baseline } from '../gitTypes';
import type { ScopeIndex } from '../scopeIndex';
import type { Span } from '../types';
import type { Doc } from '../workspace';

/** A finding before it has a range and a configured severity. */
export interface RawFinding { code: DiagnosticCode; span: Span; message: string; data?: Record<string, unknown> }

export interface RuleContext {
  doc: Doc;
  index: ScopeIndex;
  config: IsmsConfig;
  /** Today's date as YYYY-MM-DD (injectable for tests). */
  today: string;
  /** When a file last changed (ISO 8601), as the host reported it; undefined when unknown. */
  modified?(uri: string): string | undefined;
  /** The committed text of a file, when the host read Git; undefined outside Git or for new files. */
  baseline?(uri: string): Baseline | undefined;
  /** False when the configuration turns the code off: a rule may then skip costly work for it. */
  enabled(code: DiagnosticCode): boolean;
  report(code: DiagnosticCode, span: Span, message: string, data?: Record<string, unknown>): void;
}
