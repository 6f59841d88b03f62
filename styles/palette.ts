// The deck's colours, one place for both variants (slides.md's `colorSchema: dark | light`). The status bar, the
// topology picture, the lag chart and the run blocks all take them from here: through CSS variables (--pg-…) set
// by setup/main.ts, or directly (the chart draws on a canvas). Made for a projector: every colour used for text is at
// least 7:1 against the background (palette.test.ts checks it).

export type Variant = 'dark' | 'light';

export interface Palette {
  background: string;
  /** code, result and status-bar surfaces */
  surface: string;
  /** headers of blocks and tables */
  surfaceStrong: string;
  text: string;
  /** secondary text: still high contrast, only less loud */
  muted: string;
  border: string;
  /** links, focus, the Run button */
  accent: string;
  /** text on an accent-filled button */
  onAccent: string;
  error: string;
  /** the cluster's words, the same everywhere: roles, process states and the replication link's states */
  primary: string;
  standby: string;
  /** a second standby's line in the lag chart (postgres-standby2), beside the first's in `standby` */
  standby2: string;
  running: string;
  frozen: string;
  stopped: string;
  delayed: string;
}

export const PALETTES: Record<Variant, Palette> = {
  dark: {
    background: '#0b0f14',
    surface: '#141a22',
    surfaceStrong: '#1f2833',
    text: '#f2f5f8',
    muted: '#b9c3cd',
    border: '#5a6672',
    accent: '#6cb6ff',
    onAccent: '#0b0f14',
    error: '#ff7b72',
    primary: '#6cb6ff',
    standby: '#3fd4c4',
    standby2: '#ffa657',
    running: '#6fdd7f',
    frozen: '#c8a2ff',
    stopped: '#ff7b72',
    delayed: '#f2c14e',
  },
  light: {
    background: '#ffffff',
    surface: '#f3f5f8',
    surfaceStrong: '#e3e8ee',
    text: '#0b1220',
    muted: '#3b4452',
    border: '#8a94a0',
    accent: '#0550ae',
    onAccent: '#ffffff',
    error: '#a8102a',
    primary: '#0550ae',
    standby: '#005b55',
    standby2: '#953800',
    running: '#116329',
    frozen: '#5a2fb0',
    stopped: '#a8102a',
    delayed: '#7a4f00',
  },
};

/** A node's process state is never told by colour alone: a mark goes with it (and the word, where it is not running). */
export const STATE_MARK = { running: '●', frozen: '❚❚', stopped: '■' } as const;

/** The replication link's states and the colour each is drawn in (a paused link is a frozen standby's). */
export const LINK_COLOR = {
  streaming: 'running',
  paused: 'frozen',
  cut: 'stopped',
  delayed: 'delayed',
  down: 'stopped',
} as const satisfies Record<string, keyof Palette>;
export type LinkState = keyof typeof LINK_COLOR;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `--pg-background: #0b0f14; …` for one variant. */
export function cssVariables(palette: Palette): string {
  return Object.entries(palette).map(([name, value]) => `--pg-${kebab(name)}: ${value};`).join(' ');
}

/** The style sheet that gives every element the variables of the variant Slidev shows (html.dark or not). */
export function paletteStyleSheet(): string {
  return `html.dark { ${cssVariables(PALETTES.dark)} }\nhtml:not(.dark) { ${cssVariables(PALETTES.light)} }`;
}

/** WCAG contrast ratio of two #rrggbb colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b2!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
