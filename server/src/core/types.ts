// Plain data types shared by the whole core. Positions are LSP-shaped (zero-based line and
// UTF-16 character) so adapters convert nothing but the severity.

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** A span of a document as UTF-16 offsets; converted to a Range only at the edge of a feature. */
export interface Span { start: number; end: number }

/** A value read from a document together with where it was written. */
export interface Spanned<T> { value: T; span: Span }

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** The kinds of file the project understands, decided by the configured globs. */
export type DocumentKind = 'soa' | 'risks' | 'policy' | 'markdown' | 'config' | 'other';

/** A text document as the host hands it to the core. */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** A finding: domain data with a stable code, converted to an LSP diagnostic only at the edge. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  /** Payload that quick fixes read; never parse the message. */
  data?: Record<string, unknown>;
  /**
   * Other places the same cause shows (the entries sharing one pasted justification, the
   * controls that no risk register can trace): one finding for one decision, its entries listed.
   */
  related?: RelatedLocation[];
}

/** A place that belongs to a finding reported elsewhere (LSP relatedInformation, SARIF relatedLocations). */
export interface RelatedLocation { uri: string; range: Range; message: string }

/** Cooperative cancellation, structurally compatible with the LSP CancellationToken. */
export interface Cancellation { readonly isCancellationRequested: boolean }
export const neverCancelled: Cancellation = { isCancellationRequested: false };
