// @ts-check
// Makes a built CommonJS file ASCII only, for scripts/build.mjs. A file with one character beyond ASCII is
// read into a two-byte string: twice the memory of the source (and of its copy in the code cache loader's
// wrapper), and ~1 ms more CPU a warm `list` (measured in-process: 18.4 -> 17.4 ms and 24.8 -> 23.5 ms,
// medians of 20). esbuild writes strings and identifiers in ASCII but not regular expressions: their
// characters are written here as \uXXXX, one per UTF-16 unit, which is the same pattern with or without
// the u flag (a surrogate pair of escapes is one code point under u). The source map's columns are moved
// to match. Any other character beyond ASCII (a String.raw template, say) fails the build: write it as an
// escape in the source.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseSync } from 'oxc-parser';

/** Rewrites `file` (and `file.map`) with its regular expressions in ASCII; throws for anything else beyond it. */
export function asciiRegExps(file) {
  const code = readFileSync(file, 'utf8');
  if (isAscii(code)) return;
  // oxc's spans are UTF-16 offsets, as JavaScript strings index.
  const parsed = parseSync(file, code, { lang: 'js', sourceType: 'script' });
  if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0]?.message} (not JavaScript oxc reads)`);
  /** @type {number[]} offsets of the characters to escape, in order */
  const at = [];
  /** @param {unknown} node */
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const { type, regex, start, end } = /** @type {{ type?: string, regex?: unknown, start: number, end: number }} */ (
      node
    );
    if (type === 'Literal' && regex != null) {
      for (let i = start; i < end; i++) if (code.charCodeAt(i) > 0x7f) at.push(i);
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'parent') visit(child);
  };
  visit(parsed.program);
  at.sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const i of at) {
    out += `${code.slice(from, i)}\\u${code.charCodeAt(i).toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  out += code.slice(from);
  const left = /[\u0080-\uffff]/.exec(out);
  if (left) {
    const line = out.slice(0, left.index).split('\n').length;
    throw new Error(
      `${file}:${line}: ${JSON.stringify(left[0])} outside a regular expression (near ${JSON.stringify(out.slice(left.index - 40, left.index + 10))}): write it as an escape in the source`,
    );
  }
  writeFileSync(file, out);
  moveMappedColumns(`${file}.map`, code, at);
}

/** @param {string} text */
function isAscii(text) {
  return !/[\u0080-\uffff]/.test(text);
}

/**
 * Each escape makes its line 5 characters longer after it: the generated columns of the map's segments
 * after it move by as much. (Only the first field of a segment, its column on the generated line, is
 * relative to the segment before it on the same line; the other fields are untouched.)
 * @param {string} mapFile
 * @param {string} code the file before the escapes
 * @param {number[]} escaped the offsets escaped in it, in order
 */
function moveMappedColumns(mapFile, code, escaped) {
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  /** @type {Map<number, number[]>} line (0-based) -> columns escaped on it, in order */
  const byLine = new Map();
  let line = 0;
  let lineStart = 0;
  let next = code.indexOf('\n');
  for (const offset of escaped) {
    while (next >= 0 && next < offset) {
      line++;
      lineStart = next + 1;
      next = code.indexOf('\n', lineStart);
    }
    const columns = byLine.get(line) ?? [];
    columns.push(offset - lineStart);
    byLine.set(line, columns);
  }
  map.mappings = map.mappings
    .split(';')
    .map((/** @type {string} */ segments, /** @type {number} */ index) => {
      const columns = byLine.get(index);
      if (!columns || segments === '') return segments;
      let column = 0;
      let movedBefore = 0;
      return segments
        .split(',')
        .map((segment) => {
          const fields = decodeVlq(segment);
          column += fields[0] ?? 0;
          const moved = column + 5 * columns.filter((escapedAt) => escapedAt < column).length;
          fields[0] = moved - movedBefore;
          movedBefore = moved;
          return encodeVlq(fields);
        })
        .join(',');
    })
    .join(';');
  writeFileSync(mapFile, JSON.stringify(map));
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** @param {string} segment */
function decodeVlq(segment) {
  /** @type {number[]} */
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** @param {number[]} values */
function encodeVlq(values) {
  let out = '';
  for (const value of values) {
    let rest = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = rest & 31;
      rest >>>= 5;
      if (rest > 0) digit |= 32;
      out += BASE64[digit];
    } while (rest > 0);
  }
  return out;
}
