/**
 * How a repository of lists names its files where a paper or an area is named: the label (`2024.md`,
 * `papers/2025.md`) or the stem (`2024`). Apart from workspace.ts, which merges the lists, so that a
 * run on one list (the hot path) can read such a name without that code.
 */
import { TOP_AREA } from './areas.js';

/** What qualifies each file's colliding ids: its stem (`2024`), or its path without extension when two share a stem. */
export function fileStems(labels: readonly string[]): string[] {
  const stemOf = (label: string) => label.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
  const count = new Map<string, number>();
  for (const label of labels) count.set(stemOf(label), (count.get(stemOf(label)) ?? 0) + 1);
  return labels.map((label) => (count.get(stemOf(label))! > 1 ? label.replace(/\.[^./]*$/, '') : stemOf(label)));
}

/**
 * The file an `--area` names by its first name (`2024.md/MLSys`, `2024/MLSys`): its index and the area
 * within it. `byStem` false: by the file's whole name only (a stem is too easily an area's own name).
 */
export function areaInFile(
  labels: readonly string[],
  area: string,
  byStem = true,
): { fileIndex: number; area: string } | null {
  const stems = fileStems(labels);
  const trimmed = area.trim();
  const lower = trimmed.toLowerCase();
  // (`file.md/`, `file.md ›` and `file.md › ` with nothing after them are the file's top, as `file.md` is)
  const rest = (length: number) => trimmed.slice(length).trim() || TOP_AREA;
  // The longest name the area starts with wins (of equal ones, the first: a file's label before its stem):
  // `papers/2024.md/Net` names papers/2024.md even beside papers.md, whose stem `papers` it also starts with.
  let best: { fileIndex: number; area: string; length: number } | null = null;
  for (let i = 0; i < labels.length; i++) {
    for (const name of byStem ? [labels[i]!, stems[i]!] : [labels[i]!]) {
      const prefix = name.toLowerCase();
      if (best && prefix.length <= best.length) continue;
      if (!lower.startsWith(prefix)) continue;
      // (`2024/OS`, `2024 / OS` as a path may be spaced, `2024.md › OS` as papers shows it)
      const separator = /^(?:[ \t]*\/|[ \t]+›(?:[ \t]|$))/.exec(lower.slice(prefix.length));
      if (lower === prefix || lower === `${prefix} ›`) best = { fileIndex: i, area: TOP_AREA, length: prefix.length };
      else if (separator)
        best = { fileIndex: i, area: rest(prefix.length + separator[0].length), length: prefix.length };
    }
  }
  return best && { fileIndex: best.fileIndex, area: best.area };
}
