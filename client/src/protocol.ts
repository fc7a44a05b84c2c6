// Mirror of server/src/lsp/protocol.ts (the client never imports server code);
// test/consistency/protocol.test.ts keeps the two in step.

//#region To server
/** Returns the controls overview (SoA status per control) for the views, status bar and report. */
export const CONTROLS_REQUEST = 'isms/controls';
export interface ControlsParams { uri?: string }
/** Runs one of the five assistant tools (check_workspace, check_text, show_control, soa_overview, find_references) on the server's workspace. */
export const ASSISTANT_TOOL_REQUEST = 'isms/assistantTool';
export interface AssistantToolParams { name: string; input: unknown }
/** Bad input is an answer, not a protocol error: `error` is a message for the assistant. */
export interface AssistantToolResult { result?: unknown; error?: string }
/**
 * The editor trusts the workspace now: the server may read Git (committed texts for
 * policy/version-not-bumped). Until then it reads Git only if `initializationOptions.git` is not false.
 */
export const GIT_ALLOWED_NOTIFICATION = 'isms/gitAllowed';
export interface InitializationOptions { git?: boolean; progressNotifications?: boolean }
//#endregion

//#region To client
/** Client-side command that shows a list of locations (used by SoA code lenses). */
export const SHOW_REFERENCES_COMMAND = 'isms.showReferences';
/**
 * While the server reads and checks the workspace: the text of its window/workDoneProgress
 * report ("Checking 4,200 of 10,000 files"), for a client that asked for it with
 * `initializationOptions.progressNotifications`; `message` is absent once it is done.
 */
export const PROGRESS_NOTIFICATION = 'isms/progress';
export interface ProgressParams { message?: string; percentage?: number }
//#endregion
