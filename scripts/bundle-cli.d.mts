// Types for bundle-cli.mjs, imported by the CLI tests to build a deliberately different CLI.
import type { BuildOptions } from 'esbuild';

export function versionDefine(): Record<string, string>;
export function bundleCli(outfile: string, options?: BuildOptions): Promise<string>;
