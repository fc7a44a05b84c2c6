// Custom protocol between the VS Code client and the server. client/src/protocol.ts mirrors
// this file; test/consistency/protocol.test.ts keeps the two in step.

//#region To server
/** Returns the controls overview (SoA status per control) for the views, status bar and report. */
export const CONTROLS_REQUEST = 'isms/controls';
export interface ControlsParams { uri?: string }
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
