import { describe, expect, it } from 'vitest';
import { isDroppedImport } from './retryRoute';

describe('isDroppedImport', () => {
  it('knows a dropped piece in each browser\'s words, and Vite\'s for a stylesheet', () => {
    expect(isDroppedImport(new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:8080/assets/play-C4Mf.js'))).toBe(true);
    expect(isDroppedImport(new TypeError('error loading dynamically imported module: http://127.0.0.1:8080/assets/play-C4Mf.js'))).toBe(true);
    expect(isDroppedImport(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isDroppedImport(new Error('Unable to preload CSS for http://127.0.0.1:8080/assets/play-D_7y.css'))).toBe(true);
  });

  it('leaves every other failure of a navigation alone: no retry cures a bug', () => {
    expect(isDroppedImport(new TypeError("Cannot read properties of undefined (reading 'no')"))).toBe(false);
    expect(isDroppedImport(new Error('Failed to fetch dynamically imported module'))).toBe(false);
    expect(isDroppedImport('Importing a module script failed.')).toBe(false);
  });
});
