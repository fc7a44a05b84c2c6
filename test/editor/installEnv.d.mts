export function nestedNpmEnv(nodeHome: string, env?: NodeJS.ProcessEnv): Record<string, string>;
export function parseCodeServerVersion(output?: string): string | undefined;
export function withoutNpmVariables(env?: NodeJS.ProcessEnv): Record<string, string>;
