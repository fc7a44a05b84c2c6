// Tells the user that the server is still reading or checking the workspace: a standard
// window/workDoneProgress when the client supports it, and our own isms/progress notification
// (for the VS Code status bar item) when the client asked for it. Reports are throttled to whole
// percentage steps, so 10,000 files send at most about a hundred messages.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { PROGRESS_NOTIFICATION, type ProgressParams } from './protocol';

export type ProgressPhase = 'Reading' | 'Checking';

/** Smaller passes end before anyone could read a progress message. */
const MIN_FILES = 200;

export class WorkspaceProgress {
  private reporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
  private lastKey = '';

  constructor(private readonly connection: Connection, private readonly options: { standard: boolean; custom: boolean }) {}

  /** Reports `done` of `total` files in a phase; opens the progress on the first report. */
  report(phase: ProgressPhase, done: number, total: number): void {
    if (total < MIN_FILES || (!this.options.standard && !this.options.custom)) return;
    // Reading is the first 30 %, checking the rest.
    const share = phase === 'Reading' ? done / total * 30 : 30 + done / total * 70;
    const percentage = Math.min(100, Math.floor(share));
    const key = `${phase}:${percentage}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const message = `${phase} ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} files`;
    if (this.options.standard) {
      this.reporter ??= this.connection.window.createWorkDoneProgress().then((r) => { r.begin('ISMS Author', 0, message, false); return r; }, () => undefined);
      void this.reporter.then((r) => r?.report(percentage, message));
    }
    if (this.options.custom) void this.connection.sendNotification(PROGRESS_NOTIFICATION, { message, percentage } satisfies ProgressParams);
  }

  /** Closes the progress, if one was opened. */
  end(): void {
    if (!this.lastKey) return;
    this.lastKey = '';
    const reporter = this.reporter;
    this.reporter = undefined;
    void reporter?.then((r) => r?.done());
    if (this.options.custom) void this.connection.sendNotification(PROGRESS_NOTIFICATION, {} satisfies ProgressParams);
  }
}
