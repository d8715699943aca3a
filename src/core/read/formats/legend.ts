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

/**
 * A line can hold a legend entry only if it holds one of the words (the patterns above without their word
 * boundaries: they match wherever those do): tested first, as the symbol-by-symbol walk costs far more.
 */
const ANY_WORD = new RegExp([UNREAD, READING, READ].map((re) => re.source.replace(/\\b/g, '')).join('|'), 'i');

/** A marker and its description: a symbol with a meaning, a separator, then words up to the next entry. */
const ENTRY_END = /\s*(?:[,;，；、]|\s[|·]\s|$)/;

/** A GFM table's delimiter row (`|---|:-:|`, `--- | ---`): at most three spaces in, at least one pipe. */
const DELIMITER_ROW = /^ {0,3}(?=[^|]*\|)\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** What comes before a line's own text: its indent, quote marks, a bullet or number. */
const LEADING = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?/;

/** The marker symbol (variation selectors removed) that starts this line's text, if one does. */
function leadingMarker(line: string): string | null {
  const at = LEADING.exec(line)![0].length;
  const token = symbolAt(line, at);
  if (!token || token.end === at) return null;
  const symbol = withoutSelectors(token.symbol);
  return symbolMeaningOf(symbol) && /^[ \t]*(?:[|:：=→\-–—][ \t]*)?\S/.test(line.slice(token.end)) ? symbol : null;
}

/** The legend of a text: marker symbol (variation selectors removed) -> state; empty when it has none. */
export function findLegend(text: string): Legend {
  const named = namedMarkers(text);
  return named.size >= 2 ? named : new Map();
}

/**
 * What the text's legend blocks name, before the cutoff that makes them a legend (two markers or more):
 * block by block (blank lines apart), each adding the markers it names first. So a block that names the
 * same before and after an edit inside it leaves the text's legend as it was (write/link-read-back.ts).
 */
export function namedMarkers(text: string): Map<string, ReadState> {
  const found = new Map<string, ReadState>();
  const lines = text.split(/\r?\n|\r/);
  let inTable = false;
  // A block of lines (up to a blank line) and the entries it names.
  let blockStart = 0;
  let entries: [string, ReadState][] = [];
  const endBlock = (end: number) => {
    // A legend says what each marker means once: a block where one marker starts two of its lines is a list
    // of entries marked so (`- ✅ Done`, `- ✅ Read Attention`), not a legend. (Looked at only in a block
    // that names an entry: most have none.)
    if (entries.length > 0) {
      const leading = new Set<string>();
      let twice = false;
      for (let j = blockStart; j < end && !twice; j++) {
        const symbol = leadingMarker(lines[j]!);
        if (symbol === null) continue;
        twice = leading.has(symbol);
        leading.add(symbol);
      }
      if (!twice) for (const [symbol, state] of entries) if (!found.has(symbol)) found.set(symbol, state);
    }
    entries = [];
    blockStart = end + 1;
  };
  // Only lines that could hold one: a symbol with a meaning, a separator, and a word of the vocabulary.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A table row is a paper's, not a legend (`| ✅ | Reading Wikipedia to Answer … |`), with outer pipes or
    // without (`Attention | 🔴 | 안읽음`): GitHub shows both as rows. A table runs from the line above its
    // delimiter row to a blank line.
    if (!/\S/.test(line)) {
      inTable = false;
      endBlock(i);
    } else if (!inTable && DELIMITER_ROW.test(lines[i + 1] ?? '')) inTable = true;
    if (inTable) continue;
    if (line.length > 300 || /^\s*\|/.test(line) || !ANY_WORD.test(line)) continue;
    for (let at = 0; at < line.length; ) {
      const token = symbolAt(line, at)!;
      at = token.end;
      const symbol = withoutSelectors(token.symbol);
      // (a task checkbox `[ ]` before an item's words is no legend entry)
      if (!symbolMeaningOf(symbol) || line[token.start] === '[') continue;
      const rest = line.slice(token.end);
      const sep = /^\s*(?:[|:：=→\-–—]\s*)?/.exec(rest)![0];
      const after = rest.slice(sep.length);
      const end = ENTRY_END.exec(after);
      const words = after.slice(0, end ? end.index : after.length);
      // A legend's description is a few words (`read & summarised`, `TO READ`), not a title.
      if (!/^[\p{L}]/u.test(words) || words.length > 32) continue;
      const state = stateOfDescription(words);
      if (state) entries.push([symbol, state]);
    }
  }
  endBlock(lines.length);
  return found;
}

/** The state a marker has by the legend, if the legend names it. */
export function legendState(legend: Legend, marker: string): ReadState | undefined {
  if (legend.size === 0 || marker === '') return undefined;
  const token = symbolAt(marker, 0);
  if (!token || token.end !== marker.length) return undefined;
  return legend.get(withoutSelectors(token.symbol));
}
