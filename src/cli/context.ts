/** What every command needs: which file, its text, its parsed model, and where output goes. */
import type { ListDocument } from '../core/model.js';
import { loadModel } from '../store/model.js';
import { readListFile, type StoredText } from '../store/read.js';
import { escapeJson } from './output/sanitize.js';
import { colorsFor, type Palette } from './output/style.js';

/** The options every command takes (before or after the command name). */
export interface GlobalOptions {
  file?: string;
  color: boolean;
  debug?: boolean;
}

export function listPath(options: GlobalOptions): string {
  return options.file ?? (process.env.PAPERS_FILE || 'README.md');
}

export interface LoadedList {
  stored: StoredText;
  doc: ListDocument;
}

export async function loadList(options: GlobalOptions): Promise<LoadedList> {
  const stored = readListFile(listPath(options));
  return { stored, doc: await loadModel(stored) };
}

export function stdoutColors(options: GlobalOptions): Promise<Palette> {
  return colorsFor(process.stdout, options.color);
}

/**
 * Width for fitting tables: $COLUMNS when set (on a terminal too), else the terminal's width; null
 * when output goes to a pipe or file without $COLUMNS (never cut).
 */
export function outputWidth(): number | null {
  const columns = Number(process.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  if (process.stdout.isTTY) return process.stdout.columns || 100;
  return null;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${escapeJson(JSON.stringify(value, null, 2))}\n`);
}
