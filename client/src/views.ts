// Views (controls tree, status bar, coverage report) are registered here; see issue 6.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export function registerViews(_context: vscode.ExtensionContext, _client: LanguageClient): void {
  // Filled in by the views work.
}
