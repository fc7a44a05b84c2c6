// Input an assistant got wrong: shown to it as a tool error with this message, never a crash.
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}
