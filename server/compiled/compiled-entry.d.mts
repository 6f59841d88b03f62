/**
 * The compiled module (in cacheDir, default node_modules/.cache/pgdemo-compiled/) of a .ts entry point of this project,
 * an ES module or a CommonJS one (rebuilt when its sources changed).
 */
export function compiledEntry(entry: string, options?: { cacheDir?: string; format?: 'esm' | 'cjs' }): Promise<string>;
