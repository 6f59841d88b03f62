// A projector washes colours out: every colour the deck uses for text (and the cluster's words: roles, states, link
// states) must stand out from the background at 7:1 (WCAG AAA) in both variants, so neither variant can drift.
import { describe, expect, it } from 'vitest';
import { LINK_COLOR, PALETTES, contrast, cssVariables, paletteStyleSheet, type Palette } from './palette';

const TEXT_COLOURS: (keyof Palette)[] = ['text', 'muted', 'accent', 'error', 'primary', 'standby', 'standby2', 'running', 'frozen', 'stopped', 'delayed'];

describe.each(Object.entries(PALETTES))('the %s variant', (_variant, palette) => {
  it.each(TEXT_COLOURS)('%s reads at 7:1 on the background and on code/result surfaces', (name) => {
    expect(contrast(palette[name], palette.background)).toBeGreaterThanOrEqual(7);
    expect(contrast(palette[name], palette.surface)).toBeGreaterThanOrEqual(6.5);
  });

  it('the main text reads at 12:1 even on block headers, and the Run button\'s label on the accent at 4.5:1', () => {
    expect(contrast(palette.text, palette.surfaceStrong)).toBeGreaterThanOrEqual(12);
    expect(contrast(palette.onAccent, palette.accent)).toBeGreaterThanOrEqual(4.5);
  });

  it('roles, process states and link states have colours of their own', () => {
    const words = [palette.primary, palette.standby, palette.standby2, palette.running, palette.frozen, palette.stopped, palette.delayed];
    expect(new Set(words).size).toBe(words.length);
    for (const token of Object.values(LINK_COLOR)) expect(palette[token]).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('contrast', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#6cb6ff', '#6cb6ff')).toBe(1);
  });
});

describe('the style sheet', () => {
  it('sets every colour as a --pg- variable, per variant', () => {
    expect(cssVariables(PALETTES.dark)).toContain('--pg-surface-strong: #1f2833;');
    const sheet = paletteStyleSheet();
    expect(sheet).toMatch(/^html\.dark \{[^}]*--pg-frozen: #c8a2ff;/);
    expect(sheet).toMatch(/html:not\(\.dark\) \{[^}]*--pg-frozen: #5a2fb0;/);
  });
});
