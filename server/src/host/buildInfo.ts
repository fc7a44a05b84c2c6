// What build this is, stamped by scripts/build.mjs through esbuild `define`: the version from
// package.json and a hash of the bundled CLI (its code and the catalogue it embeds). Run from the
// sources (tsx), neither is stamped: the version reads "development" and there is no build hash.
declare const __ISMS_VERSION__: string | undefined;
declare const __ISMS_BUILD_HASH__: string | undefined;

export const VERSION: string = typeof __ISMS_VERSION__ === 'string' ? __ISMS_VERSION__ : 'development';

/** A hash of this bundle's code and catalogue; undefined when running unbundled. */
export const BUILD_HASH: string | undefined = typeof __ISMS_BUILD_HASH__ === 'string' ? __ISMS_BUILD_HASH__ : undefined;
