// Core data to LSP types: the only place severities and kinds are mapped.
import { CompletionItemKind, DiagnosticSeverity, InsertTextFormat, MarkupKind, SymbolKind, type CompletionItem, type Diagnostic } from 'vscode-languageserver';
import type { CompletionEntry } from '../core/features/completion';
import type { Finding, Range, Severity } from '../core/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'isms';

export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = { range: f.range, severity: SEVERITY[f.severity], code: f.code, source: DIAGNOSTIC_SOURCE, message: f.message, data: f.data };
  // The entries sharing the finding's cause: VS Code lists them under it in the Problems panel.
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  return d;
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  control: CompletionItemKind.Reference,
  risk: CompletionItemKind.Constant,
  value: CompletionItemKind.EnumMember,
  field: CompletionItemKind.Property,
};

export function toCompletionItem(c: CompletionEntry & { range: Range }): CompletionItem {
  return {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    textEdit: { range: c.range, newText: c.insertText },
    insertTextFormat: InsertTextFormat.PlainText,
    sortText: c.sortText,
    filterText: c.filterText,
    labelDetails: c.detail ? { description: c.detail } : undefined,
  };
}

export const SYMBOL_KIND = { control: SymbolKind.Key, risk: SymbolKind.Event, heading: SymbolKind.String } as const;
