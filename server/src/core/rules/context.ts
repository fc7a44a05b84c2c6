import type { DiagnosticCode } from '../codes';
import type { IsmsConfig } from '../config';
import type { Baseline } from '../gitTypes';
import type { ScopeIndex } from '../scopeIndex';
import type { Severity, Span } from '../types';
import type { Doc } from '../workspace';

/** A finding before it has a range and a configured severity. */
export interface RawFinding extends ReportExtras { code: DiagnosticCode; span: Span; message: string; data?: Record<string, unknown> }

/** A related place before it has a range; `uri` defaults to the document being checked. */
export interface RawRelated { span: Span; message: string; uri?: string }

export interface ReportExtras {
  /** The other entries that share this finding's cause. */
  related?: RawRelated[];
  /**
   * The severity the rule chose for this finding (a shared wording on traceable decisions is a
   * hint); it replaces the code's default and configured level, except `off`.
   */
  severity?: Severity;
}

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
  report(code: DiagnosticCode, span: Span, message: string, data?: Record<string, unknown>, extras?: ReportExtras): void;
}
