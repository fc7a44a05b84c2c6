// URI helpers. The core works on URI strings and never touches the file system.
import { URI, Utils } from 'vscode-uri';

/** URI parsing is the hot spot of path logic; URIs are immutable values, so remember them (bounded). */
const parsedUris = new Map<string, URI>();
function parse(uri: string): URI {
  let u = parsedUris.get(uri);
  if (!u) {
    if (parsedUris.size > 20_000) parsedUris.clear();
    u = URI.parse(uri);
    parsedUris.set(uri, u);
  }
  return u;
}

/** Results of the string-to-string operations, which rules repeat for every SoA entry on every keystroke. */
function memo(compute: (key: string) => string): (key: string) => string {
  const results = new Map<string, string>();
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

/** Normalised form used as a map key (vscode-uri's canonical string). */
export const normaliseUri = memo((uri) => parse(uri).toString());

export const dirnameUri = memo((uri) => Utils.dirname(parse(uri)).toString());

/** Joined URIs by base, then relative path: two lookups of strings that already exist, no concatenation. */
const joined = new Map<string, Map<string, string>>();
let joinedCount = 0;
export const joinUri = (base: string, relative: string): string => {
  let byRelative = joined.get(base);
  let r = byRelative?.get(relative);
  if (r !== undefined) return r;
  if (joinedCount > 20_000) { joined.clear(); joinedCount = 0; byRelative = undefined; }
  if (!byRelative) joined.set(base, (byRelative = new Map()));
  r = Utils.joinPath(parse(base), ...relative.split('/')).toString();
  byRelative.set(relative, r);
  joinedCount++;
  return r;
};

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
