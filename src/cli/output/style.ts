/** Colours for one stream: on only for a terminal, off with NO_COLOR or --no-color, forced by FORCE_COLOR. */
import { Chalk, type ChalkInstance } from 'chalk';

export function colorsFor(stream: NodeJS.WriteStream, enabled: boolean): ChalkInstance {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return new Chalk({ level: 1 });
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return new Chalk({ level: enabled && !noColor && stream.isTTY ? 1 : 0 });
}
