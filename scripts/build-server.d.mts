/** The built server's path. */
export const SERVER_BUNDLE: string;
/** Bundles src/server/main.ts into dist/server/main.js; resolves with its path. */
export function buildServer(): Promise<string>;
