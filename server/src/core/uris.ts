// URI helpers. The core works on URI strings and never touches the file system.
import { URI, Utils } from 'vscode-uri';

/** Normalised form used as a map key (vscode-uri's canonical string). */
export const normaliseUri = (uri: string): string => URI.parse(uri).toString();

export const dirnameUri = (uri: string): string => Utils.dirname(URI.parse(uri)).toString();

export const joinUri = (base: string, relative: string): string => Utils.joinPath(URI.parse(base), ...relative.split('/')).toString();

export const basename = (uri: string): string => Utils.basename(URI.parse(uri));

/** Path of `uri` relative to the folder `root`, with forward slashes; undefined when outside. */
export function relativePath(root: string, uri: string): string | undefined {
  const r = URI.parse(root);
  const u = URI.parse(uri);
  if (r.scheme !== u.scheme || r.authority !== u.authority) return undefined;
  const rootPath = r.path.endsWith('/') ? r.path : r.path + '/';
  if (!u.path.startsWith(rootPath)) return undefined;
  return u.path.slice(rootPath.length);
}

export const isUnder = (root: string, uri: string): boolean => relativePath(root, uri) !== undefined;

/** A readable path for messages and CLI output: the file system path when it is a file URI. */
export const displayPath = (uri: string): string => {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : uri;
};
