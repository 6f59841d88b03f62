import { describe, expect, it } from 'vitest';
import { codeSegments, parseFocus } from './codeFolds';

describe('codeSegments', () => {
  it('shows everything without focus', () => {
    expect(codeSegments(5)).toEqual([{ from: 1, to: 5, folded: false }]);
  });

  it('folds the runs of lines outside the focus', () => {
    expect(codeSegments(30, '12-20, 25-26')).toEqual([
      { from: 1, to: 11, folded: true },
      { from: 12, to: 20, folded: false },
      { from: 21, to: 24, folded: true },
      { from: 25, to: 26, folded: false },
      { from: 27, to: 30, folded: true },
    ]);
  });

  it('does not fold a single line: it takes as much room as its fold would', () => {
    expect(codeSegments(10, '2-10')).toEqual([{ from: 1, to: 10, folded: false }]);
    expect(codeSegments(10, '1-4,6-10')).toEqual([{ from: 1, to: 10, folded: false }]);
  });
});

describe('parseFocus', () => {
  it('reads single lines and ranges', () => {
    expect(parseFocus('3, 5-7', 10)).toEqual([[3, 3], [5, 7]]);
  });

  it('refuses ranges outside the snippet or backwards, naming the part', () => {
    expect(() => parseFocus('5-12', 10)).toThrow(/"5-12" is not a line range within 1-10/);
    expect(() => parseFocus('7-3', 10)).toThrow(/"7-3"/);
    expect(() => parseFocus('a-b', 10)).toThrow(/"a-b"/);
  });
});
