/**
 * BibTeX for `papers cite`: the source's own record when there is one (DBLP's), re-keyed; otherwise one
 * built from the metadata. Keys are stable: first author's family name, year, first title word
 * (`zhu2022roller`), the same on every run for the same paper.
 */
import type { PaperMeta } from './work.js';

const STOP = new Set(
  'a an the of for on in with and to via by at from towards toward into using is are its our your as or do does'.split(
    ' ',
  ),
);

function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `zhu2022roller`; `paper` parts stand in for what is unknown. */
export function citeKey(meta: Pick<PaperMeta, 'authors' | 'year' | 'title'>): string {
  const first = meta.authors[0] ?? '';
  const family = ascii(familyName(first)).replace(/ /g, '');
  const word =
    ascii(meta.title)
      .split(' ')
      .find((w) => w !== '' && !STOP.has(w)) ?? 'paper';
  return `${family || 'anon'}${meta.year ?? ''}${word}`;
}

/** `Lianmin Zheng` -> `Zheng`; `Zheng, Lianmin` -> `Zheng`; DBLP's `Wei Chen 0001` -> `Chen`. */
function familyName(name: string): string {
  const clean = name.replace(/\s+\d{4}$/, '').trim();
  if (clean.includes(',')) return clean.split(',')[0]!.trim();
  const parts = clean.split(/\s+/);
  return parts[parts.length - 1] ?? '';
}

/** Keys made unique in one output, in order: `zhu2022roller`, `zhu2022rollerb`, ... */
export function uniqueKeys(keys: string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? key : `${key}${String.fromCharCode(97 + n)}`;
  });
}

/** A source's record with its key replaced (`@inproceedings{DBLP:conf/osdi/X22,` -> `@inproceedings{zhu2022roller,`). */
export function rekey(bibtex: string, key: string): string | null {
  const m = /^\s*@([A-Za-z]+)\s*\{\s*[^,\s]*\s*,/.exec(bibtex);
  if (!m) return null;
  return `@${m[1]!.toLowerCase()}{${key},${bibtex.slice(m[0].length)}`.trim();
}

/** Text for a braced field value: LaTeX specials escaped, braces kept balanced. */
function bibValue(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}&%$#_^~]/g, (ch) => {
      if (ch === '\\') return '\\textbackslash{}';
      if (ch === '^') return '\\^{}';
      if (ch === '~') return '\\~{}';
      return `\\${ch}`;
    });
}

/** doi, url and eprint are printed verbatim by BibTeX styles (`\\url`, `\\doi`): written as they are, with no LaTeX escaping (an escaped `_` breaks the link). */
function verbatim(text: string): string {
  return text.replace(/\s+/g, '').replace(/[{}\\]/g, '');
}

/** A record from the metadata alone. */
export function buildBibtex(meta: PaperMeta, key: string): string {
  const fields: [string, string][] = [];
  if (meta.authors.length)
    fields.push(['author', meta.authors.map((a) => bibValue(a.replace(/\s+\d{4}$/, ''))).join(' and ')]);
  fields.push(['title', `{${bibValue(meta.title)}}`]);
  const container = meta.containerTitle ?? meta.venue;
  let kind: string = meta.kind;
  if (kind === 'inproceedings' || kind === 'incollection') {
    if (container) fields.push(['booktitle', bibValue(container)]);
    else kind = 'misc';
  } else if (kind === 'article') {
    if (container) fields.push(['journal', bibValue(container)]);
    else kind = 'misc';
  } else if (kind === 'misc' && meta.venue && !meta.arxiv) {
    fields.push(['howpublished', bibValue(meta.venue)]);
  }
  if (meta.series) fields.push(['series', bibValue(meta.series)]);
  const year = meta.venueYear ?? meta.year;
  if (year !== null) fields.push(['year', String(year)]);
  if (meta.doi) fields.push(['doi', verbatim(meta.doi)]);
  if (meta.arxiv) {
    fields.push(['eprint', verbatim(meta.arxiv.replace(/v\d+$/, ''))]);
    fields.push(['archivePrefix', 'arXiv']);
  }
  if (meta.url) fields.push(['url', verbatim(meta.url)]);
  const width = Math.max(...fields.map(([name]) => name.length));
  return `@${kind}{${key},\n${fields.map(([name, value]) => `  ${name.padEnd(width)} = {${value}}`).join(',\n')}\n}`;
}

/** The fields of one BibTeX record (`name = {value}` or `"value"` or a number), braces kept inside values. */
export function bibFields(bibtex: string): Map<string, string> {
  const fields = new Map<string, string>();
  const start = bibtex.indexOf(',');
  if (!/^\s*@[A-Za-z]+\s*\{/.test(bibtex) || start < 0) return fields;
  let i = start + 1;
  const n = bibtex.length;
  while (i < n) {
    const m = /^[\s,]*([A-Za-z][\w:-]*)\s*=\s*/.exec(bibtex.slice(i));
    if (!m) break;
    i += m[0].length;
    let value = '';
    if (bibtex[i] === '{') {
      let depth = 0;
      const from = i;
      for (; i < n; i++) {
        if (bibtex[i] === '\\') {
          i++;
          continue;
        }
        if (bibtex[i] === '{') depth++;
        else if (bibtex[i] === '}' && --depth === 0) break;
      }
      value = bibtex.slice(from + 1, i);
      i++;
    } else if (bibtex[i] === '"') {
      const close = bibtex.indexOf('"', i + 1);
      if (close < 0) break;
      value = bibtex.slice(i + 1, close);
      i = close + 1;
    } else {
      const word = /^[^,}\s]+/.exec(bibtex.slice(i));
      value = word ? word[0] : '';
      i += value.length;
    }
    fields.set(m[1]!.toLowerCase(), value);
  }
  return fields;
}

/** A BibTeX value as plain text: braces and simple escapes dropped, spaces collapsed. */
export function bibText(value: string): string {
  return value
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
