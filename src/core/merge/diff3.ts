/**
 * A three-way merge of sequences (lines, tokens): the classic diff3 of Khanna, Kunal and Pierce. Each
 * side is matched with the base by a longest common subsequence (Myers, from the `diff` package); where
 * all three agree the items are stable, and between those the chunks are unstable: changed on one side
 * (take it), on both the same way (take it once), or on both differently (a conflict, left to the
 * caller). Pure: items are compared with ===.
 */
import { diffArrays } from 'diff';

/** For each index of `base`, the index of `other` it is matched with, or -1 (increasing where matched). */
function matchIndexes<T>(base: readonly T[], other: readonly T[]): Int32Array {
  const map = new Int32Array(base.length).fill(-1);
  // A common prefix and suffix need no diff (the usual case: a few lines changed in a long file).
  let head = 0;
  while (head < base.length && head < other.length && base[head] === other[head]) {
    map[head] = head;
    head++;
  }
  let tail = 0;
  while (
    tail < base.length - head &&
    tail < other.length - head &&
    base[base.length - 1 - tail] === other[other.length - 1 - tail]
  ) {
    map[base.length - 1 - tail] = other.length - 1 - tail;
    tail++;
  }
  const middleBase = base.slice(head, base.length - tail);
  const middleOther = other.slice(head, other.length - tail);
  if (middleBase.length === 0 || middleOther.length === 0) return slideDown(base, other, map);
  let i = head;
  let j = head;
  for (const part of diffArrays(middleBase as T[], middleOther as T[])) {
    const n = part.count ?? part.value.length;
    if (part.added) j += n;
    else if (part.removed) i += n;
    else {
      for (let t = 0; t < n; t++) map[i + t] = j + t;
      i += n;
      j += n;
    }
  }
  return slideDown(base, other, map);
}

/**
 * The same matching with every run of removed or added items moved as far down as it can go (an item
 * equal to the run's first one after it is matched instead). Where a removal or addition could be
 * placed two ways (`a`, blank, `b`, blank minus `b`: the blank before `b` or after it), both sides of a
 * merge then place it the same way: with the blank line after an item, and links added after the last one.
 */
function slideDown<T>(base: readonly T[], other: readonly T[], map: Int32Array): Int32Array {
  // Removed runs of base.
  for (let s = 0; s < base.length; s++) {
    if (map[s] !== -1) continue;
    let e = s;
    while (e < base.length && map[e] === -1) e++;
    while (e < base.length && map[e] !== -1 && base[s] === base[e]) {
      map[s] = map[e]!;
      map[e] = -1;
      s++;
      e++;
    }
    s = e;
  }
  // Added runs of other, by the inverse matching.
  const inverse = new Int32Array(other.length).fill(-1);
  map.forEach((j, i) => {
    if (j >= 0) inverse[j] = i;
  });
  let moved = false;
  for (let s = 0; s < other.length; s++) {
    if (inverse[s] !== -1) continue;
    let e = s;
    while (e < other.length && inverse[e] === -1) e++;
    while (e < other.length && inverse[e] !== -1 && other[s] === other[e]) {
      inverse[s] = inverse[e]!;
      inverse[e] = -1;
      moved = true;
      s++;
      e++;
    }
    s = e;
  }
  if (!moved) return map;
  map.fill(-1);
  inverse.forEach((i, j) => {
    if (i >= 0) map[i] = j;
  });
  return map;
}

export type Chunk<T> = { stable: true; items: T[] } | { stable: false; base: T[]; ours: T[]; theirs: T[] };

export function diff3<T>(base: readonly T[], ours: readonly T[], theirs: readonly T[]): Chunk<T>[] {
  const toOurs = matchIndexes(base, ours);
  const toTheirs = matchIndexes(base, theirs);
  const chunks: Chunk<T>[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  for (;;) {
    let t = 0;
    while (i + t < base.length && toOurs[i + t] === j + t && toTheirs[i + t] === k + t) t++;
    if (t > 0) {
      chunks.push({ stable: true, items: base.slice(i, i + t) });
      i += t;
      j += t;
      k += t;
      continue;
    }
    let o = i;
    while (o < base.length && (toOurs[o] === -1 || toTheirs[o] === -1)) o++;
    if (o === base.length) {
      if (i < base.length || j < ours.length || k < theirs.length)
        chunks.push({ stable: false, base: base.slice(i), ours: ours.slice(j), theirs: theirs.slice(k) });
      return chunks;
    }
    const nextOurs = toOurs[o]!;
    const nextTheirs = toTheirs[o]!;
    chunks.push({
      stable: false,
      base: base.slice(i, o),
      ours: ours.slice(j, nextOurs),
      theirs: theirs.slice(k, nextTheirs),
    });
    i = o;
    j = nextOurs;
    k = nextTheirs;
  }
}

export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** An unstable chunk changed on one side only, or on both the same way: what to take; null for a conflict. */
export function resolveTrivially<T>(chunk: { base: T[]; ours: T[]; theirs: T[] }): T[] | null {
  if (sameItems(chunk.ours, chunk.base)) return chunk.theirs;
  if (sameItems(chunk.theirs, chunk.base)) return chunk.ours;
  if (sameItems(chunk.ours, chunk.theirs)) return chunk.ours;
  return null;
}
