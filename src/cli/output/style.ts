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
export const NO_COLORS: Palette = { dim: plain, cyan: plain, green: plain, yellow: plain, red: plain };

export async function colorsFor(stream: NodeJS.WriteStream, enabled: boolean): Promise<Palette> {
  const force = process.env.FORCE_COLOR;
  const forced = force !== undefined && force !== '' && force !== '0' && force !== 'false';
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  if (!forced && (!enabled || noColor || !stream.isTTY)) return NO_COLORS;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}
