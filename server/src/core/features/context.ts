// What every feature needs about one document: its scope, model, index and references.
import { indexFor } from '../diagnostics';
import type { ScopeIndex } from '../scopeIndex';
import type { Doc, Model, Scope, Workspace } from '../workspace';
import { documentRefs, type DocumentRefs } from './documentRefs';

export interface FeatureContext {
  ws: Workspace;
  doc: Doc;
  scope: Scope;
  model: Model;
  index: ScopeIndex;
  refs: DocumentRefs;
}

export function featureContext(ws: Workspace, uri: string): FeatureContext | undefined {
  const doc = ws.get(uri);
  if (!doc) return undefined;
  const scope = ws.scopeOf(doc.uri);
  const model = scope.model(doc);
  const index = indexFor(ws, doc.uri);
  return { ws, doc, scope, model, index, refs: documentRefs(doc, model, index) };
}
