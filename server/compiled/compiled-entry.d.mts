/** The compiled module (in cacheDir, default node_modules/.cache/pgdemo-compiled/) of a .ts entry point of this project (rebuilt when its sources changed). */
export function compiledEntry(entry: string, cacheDir?: string): Promise<string>;
