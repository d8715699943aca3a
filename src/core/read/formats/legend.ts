/**
 * A list's own legend: lines that say what each marker means (`✅ | read & summarised`, `☑️ Reading`,
 * `Legend: ✅ read, 📖 reading, ⬜ to read`), in prose, a list, a table or a code block. Where a file has
 * one (two or more markers explained), its meanings win over what the symbols mean by themselves: on one
 * list `☑️` is "reading", on another `❎` is "read, not summarised".
 */
import { symbolAt } from './decode.js';
import { type ReadState, symbolMeaningOf, withoutSelectors } from './meanings.js';

export type Legend = ReadonlyMap<string, ReadState>;

const UNREAD =
  /\b(?:to[- ]?read|unread|not (?:yet )?read|todo|to do|skip(?:ped)?|queued?|planned|backlog|wishlist)\b|未读|待读|未开始|안 ?읽음|未読/i;
const READING =
  /\b(?:reading|in progress|ongoing|started|wip|partially read|half read)\b|在读|正在读|阅读中|읽는 ?중|読書中/i;
const READ = /\b(?:read|done|finished|completed?|summari[sz]ed)\b|已读|读完|完成|읽음|완료|読了/i;

/** What a legend entry's words say. */
function stateOfDescription(words: string): ReadState | null {
  if (UNREAD.test(words)) return 'unread';
  if (READING.test(words)) return 'reading';
  if (READ.test(words)) return 'read';
  return null;
}

/** A marker and its description: a symbol with a meaning, a separator, then words up to the next entry. */
const ENTRY_END = /\s*(?:[,;，；、]|\s[|·]\s|$)/;

/** A GFM table's delimiter row (`|---|:-:|`, `--- | ---`): at most three spaces in, at least one pipe. */
const DELIMITER_ROW = /^ {0,3}(?=[^|]*\|)\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** The legend of a text: marker symbol (variation selectors removed) -> state; empty when it has none. */
export function findLegend(text: string): Legend {
  const found = new Map<string, ReadState>();
  const lines = text.split(/\r?\n|\r/);
  let inTable = false;
  // A block of lines (up to a blank line): the entries it names, and the markers that start text on its lines.
  let entries: [string, ReadState][] = [];
  let starts = new Map<string, number>();
  const endBlock = () => {
    // A legend says what each marker means once: a block where one marker starts text on two lines is a
    // list of entries marked so (`- ✅ Done`, `- ✅ Read Attention`), not a legend.
    if ([...starts.values()].every((count) => count < 2))
      for (const [symbol, state] of entries) if (!found.has(symbol)) found.set(symbol, state);
    entries = [];
    starts = new Map();
  };
  // Only lines that could hold one: a symbol with a meaning, a separator, and words.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A table row is a paper's, not a legend (`| ✅ | Reading Wikipedia to Answer … |`), with outer pipes or
    // without (`Attention | 🔴 | 안읽음`): GitHub shows both as rows. A table runs from the line above its
    // delimiter row to a blank line.
    if (!/\S/.test(line)) {
      inTable = false;
      endBlock();
    } else if (!inTable && DELIMITER_ROW.test(lines[i + 1] ?? '')) inTable = true;
    if (inTable) continue;
    if (line.length > 300 || /^\s*\|/.test(line) || !/[^\s\w]/.test(line)) continue;
    const onLine = new Set<string>();
    for (let at = 0; at < line.length;) {
      const token = symbolAt(line, at)!;
      at = token.end;
      const symbol = withoutSelectors(token.symbol);
      // (a task checkbox `[ ]` before an item's words is no legend entry)
      if (!symbolMeaningOf(symbol) || line[token.start] === '[') continue;
      const rest = line.slice(token.end);
      const sep = /^\s*(?:[|:：=→\-–—]\s*)?/.exec(rest)![0];
      const after = rest.slice(sep.length);
      if (/^\S/.test(after)) onLine.add(symbol);
      const end = ENTRY_END.exec(after);
      const words = after.slice(0, end ? end.index : after.length);
      // A legend's description is a few words (`read & summarised`, `TO READ`), not a title.
      if (!/^[\p{L}]/u.test(words) || words.length > 32) continue;
      const state = stateOfDescription(words);
      if (state) entries.push([symbol, state]);
    }
    for (const symbol of onLine) starts.set(symbol, (starts.get(symbol) ?? 0) + 1);
  }
  endBlock();
  return found.size >= 2 ? found : new Map();
}

/** The state a marker has by the legend, if the legend names it. */
export function legendState(legend: Legend, marker: string): ReadState | undefined {
  if (legend.size === 0 || marker === '') return undefined;
  const token = symbolAt(marker, 0);
  if (!token || token.end !== marker.length) return undefined;
  return legend.get(withoutSelectors(token.symbol));
}
