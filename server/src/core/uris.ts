// URI helpers. The core works on URI strings and never touches the file system.
import { URI, Utils } from 'vscode-uri';

/**
 * A bounded memo of a pure function of one string. Path logic runs for every SoA entry and
 * policy on every keystroke; URIs and their derived strings are immutable values.
 */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    let r = results.get(key);
    if (r === undefined) {
      if (results.size > 20_000) results.clear();
      r = compute(key);
      results.set(key, r);
    }
    return r;
  };
}

const parse = memo((uri) => URI.parse(uri));

/** Normalised form used as a map key (vscode-uri's canonical string). */
export const normaliseUri = memo((uri) => parse(uri).toString());

export const dirnameUri = memo((uri) => Utils.dirname(parse(uri)).toString());

/** Remembered by base, then by relative path: two lookups of existing strings, no concatenation. */
const joinerFor = memo((base) => memo((relative) => Utils.joinPath(parse(base), ...relative.split('/')).toString()));
export const joinUri = (base: string, relative: string): string => joinerFor(base)(relative);

export const basename = (uri: string): string => Utils.basename(parse(uri));

/** Path of `uri` relative to the folder `root`, with forward slashes; undefined when outside. */
export function relativePath(root: string, uri: string): string | undefined {
  const r = parse(root);
  const u = parse(uri);
  if (r.scheme !== u.scheme || r.authority !== u.authority) return undefined;
  const rootPath = r.path.endsWith('/') ? r.path : r.path + '/';
  if (!u.path.startsWith(rootPath)) return undefined;
  return u.path.slice(rootPath.length);
}

export const isUnder = (root: string, uri: string): boolean => relativePath(root, uri) !== undefined;

/** A readable path for messages and CLI output: the file system path when it is a file URI. */
export const displayPath = (uri: string): string => {
  const u = parse(uri);
  return u.scheme === 'file' ? u.fsPath : uri;
};
