/**
 * Colours for one stream: on only for a terminal, off with NO_COLOR or --no-color, forced by
 * FORCE_COLOR. Off, every style is the identity and chalk is not even loaded.
 */
export interface Palette {
  dim(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
}

const plain = (text: string): string => text;
const NO_COLORS: Palette = { dim: plain, cyan: plain, green: plain, yellow: plain, red: plain };

/** Whether this palette is the one without colours (every style the identity). */
export function isPlain(palette: Palette): boolean {
  return palette === NO_COLORS;
}

export async function colorsFor(
  stream: { isTTY?: boolean },
  enabled: boolean,
  env: { noColor: boolean; forceColor: boolean },
): Promise<Palette> {
  if (!env.forceColor && (!enabled || env.noColor || !stream.isTTY)) return NO_COLORS;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}
