/** The table's short ids on a terminal: the shortest start of a long id that still names its paper. */
import { isAsciiText } from '../../core/model/text.js';
import { startsWords, typedForm, wordsOf } from '../../core/query/query.js';

/** On a terminal, ids longer than this show their shortest unique prefix. */
const MAX_ID = 14;

/**
 * id -> what the table shows for it on a terminal: the id itself when it is at most MAX_ID long; else
 * its shortest start that ends at a word (`cross-domain`, never `cross-dom…` or `mirage-`) and that
 * `<id>` reads back as this paper (query.ts resolvePaper): no other id starts so, no other title has
 * those words, it is no number and no other paper's id or title. When no shorter start does, the whole id.
 */
export function shortIds(all: readonly { id: string; title: string }[]): (id: string) => string {
  const sortedIds = all.map((paper) => paper.id).sort();
  // (Titles as resolvePaper reads them: typedForm.)
  const titles = all.map((paper) => typedForm(paper.title));
  const titleWords = titles.map((title) => wordsOf(title));
  const exactTitles = new Set(titles);
  const idSet = new Set(sortedIds);
  // Each title word, sorted, with the papers that hold it: the titles a start may fit are found by range.
  const words = new Map<string, number[]>();
  titleWords.forEach((list, index) => {
    for (const word of list) {
      const holders = words.get(word);
      if (holders === undefined) words.set(word, [index]);
      else if (holders[holders.length - 1] !== index) holders.push(index);
    }
  });
  const sortedWords = [...words.keys()].sort();
  const indexOf = new Map(all.map((paper, index) => [paper.id, index]));
  // (One for the table, made for its first long non-ASCII id: making one costs ~20 µs.)
  let segmenter: Intl.Segmenter | undefined;

  /** Another paper (than `self`) whose id starts with `prefix`, or whose title has its words. */
  const fitsAnother = (prefix: string, self: number): boolean => {
    let i = lowerBound(sortedIds, prefix);
    for (; i < sortedIds.length && sortedIds[i]!.startsWith(prefix); i++)
      if (indexOf.get(sortedIds[i]!) !== self) return true;
    const query = wordsOf(prefix);
    if (query.length === 0) return false;
    // Titles holding a word that starts like the query's first word (all of it, when more words follow).
    const first = query[0]!;
    for (let w = lowerBound(sortedWords, first); w < sortedWords.length && sortedWords[w]!.startsWith(first); w++) {
      if (query.length > 1 && sortedWords[w] !== first) continue;
      for (const index of words.get(sortedWords[w]!)!)
        if (index !== self && startsWords(titleWords[index]!, query)) return true;
    }
    return false;
  };

  const readsBack = (prefix: string, self: number) =>
    !/^\d+$/.test(prefix) && !idSet.has(prefix) && !exactTitles.has(prefix) && !fitsAnother(prefix, self);
  return (id) => {
    if (id.length <= MAX_ID) return id;
    const self = indexOf.get(id) ?? -1;
    // A start that ends at a word first, then any start that does not end in `-` nor cut a character in
    // two (a letter from its marks: `कि`, a conjunct: `क्ष`, a surrogate pair).
    for (let dash = id.indexOf('-'); dash > 0 && dash <= MAX_ID; dash = id.indexOf('-', dash + 1))
      if (readsBack(id.slice(0, dash), self)) return id.slice(0, dash);
    // (An ASCII id's characters are its units.)
    const cuts = isAsciiText(id)
      ? null
      : characterEnds(id, (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })));
    for (let n = 3; n <= MAX_ID; n++) {
      if (cuts !== null && !cuts.has(n)) continue;
      const prefix = id.slice(0, n);
      if (!prefix.endsWith('-') && readsBack(prefix, self)) return prefix;
    }
    return id;
  };
}

/** Where the characters (grapheme clusters) of an id end, in UTF-16 units. */
function characterEnds(id: string, segmenter: Intl.Segmenter): Set<number> {
  const ends = new Set<number>();
  for (const { index, segment } of segmenter.segment(id)) ends.add(index + segment.length);
  return ends;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
