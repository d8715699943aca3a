/**
 * Text from metadata sources as a list would write it: titles with their markup (JATS/HTML tags from
 * Crossref, LaTeX from arXiv and BibTeX, entities from DBLP) turned into plain Unicode, a subtitle joined
 * with `: `, whitespace collapsed and a trailing full stop dropped. Pure and exact where it can be; what
 * it cannot turn into a character it keeps readable (`$\mathcal{O}(n)$` -> `O(n)`).
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  times: '×',
  middot: '·',
  deg: '°',
  plusmn: '±',
  shy: '',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  omega: 'ω',
};

/** `&apos;`, `&#39;`, `&#x2019;`, `&amp;` -> the character (one level: `&amp;apos;` -> `&apos;`). */
function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code] ?? NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/**
 * JATS/HTML markup to text. Crossref loses the spaces around small capitals (`an<scp>R</scp>package`):
 * a `<scp>` run glued to a letter before it is a word of its own (`an R package`); one that starts a
 * word and is a single capital is that word's first letter (`<scp>T</scp>reebase` -> `Treebase`).
 * Other inline tags (`<i>`, `<sub>`, `<sup>`) are dropped in place (`H<sub>2</sub>O` -> `H2O`).
 */
function stripMarkup(text: string): string {
  let out = text.replace(/(.?)<scp>([^<]*)<\/scp>(.?)/gi, (_whole, before: string, inner: string, after: string) => {
    const gluedBefore = /[\p{L}\p{N}]/u.test(before);
    const gluedAfter = /[\p{L}\p{N}]/u.test(after);
    const firstLetter = !gluedBefore && /^\p{Lu}$/u.test(inner) && /\p{Ll}/u.test(after);
    return `${before}${gluedBefore ? ' ' : ''}${inner}${gluedAfter && !firstLetter ? ' ' : ''}${after}`;
  });
  // MathML: keep the text of the formula, drop the element names.
  out = out.replace(/<\/?(?:mml:)?[a-z][\w:.-]*(?:\s[^<>]*)?\/?>/gi, '');
  return out;
}

const GREEK: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  ell: 'ℓ',
  infty: '∞',
  times: '×',
  cdot: '·',
  leq: '≤',
  geq: '≥',
  le: '≤',
  ge: '≥',
  neq: '≠',
  approx: '≈',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  pm: '±',
  sim: '∼',
  partial: '∂',
  nabla: '∇',
  sum: '∑',
  prod: '∏',
  in: '∈',
  log: 'log',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
};

/** Combining marks for the LaTeX accent commands. */
const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
};

const LETTERS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
};

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  n: 'ⁿ',
  i: 'ⁱ',
};
const SUBSCRIPT: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
};

function scripted(text: string, table: Record<string, string>, mark: string): string {
  const chars = [...text];
  return chars.every((ch) => table[ch] !== undefined) ? chars.map((ch) => table[ch]).join('') : `${mark}${text}`;
}

/** Simple math: Greek letters and symbols, `^2`/`_1` scripts, font commands dropped. */
function mathToText(math: string): string {
  return math
    .replace(
      /\\(?:mathcal|mathbb|mathbf|mathrm|mathit|mathsf|mathtt|textbf|textit|textrm|text|operatorname|boldsymbol|bm)\s*\{([^{}]*)\}/g,
      '$1',
    )
    .replace(/\\([A-Za-z]+)\s*/g, (whole, name: string) => GREEK[name] ?? whole)
    .replace(/\^\{([^{}]*)\}|\^(\w)/g, (_w, braced: string | undefined, single: string | undefined) =>
      scripted(braced ?? single ?? '', SUPERSCRIPT, '^'),
    )
    .replace(/_\{([^{}]*)\}|_(\w)/g, (_w, braced: string | undefined, single: string | undefined) =>
      scripted(braced ?? single ?? '', SUBSCRIPT, '_'),
    )
    .replace(/[{}]/g, '');
}

/**
 * LaTeX as BibTeX and arXiv write it: accents (`{\"{o}}`, `\'e`, `\c{c}`), special letters (`{\ss}`),
 * escaped specials (`\&`, `\_`, `\%`), `--`/`---` dashes, `$...$` simple math, protecting braces.
 */
function latexToText(text: string): string {
  if (!/[\\${}~]/.test(text)) return text;
  let out = text.replace(/\$([^$]+)\$/g, (_w, math: string) => mathToText(math));
  // Accents: \"{o}, \"o, {\"o}, \c{c}, \c c.
  out = out.replace(
    /\\(["'`^~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))/g,
    (_w, accent: string, braced: string | undefined, bare: string | undefined) => {
      const base = (braced ?? bare ?? '').replace(/^\\([ij])$/, '$1');
      return `${base}${ACCENTS[accent]}`.normalize('NFC');
    },
  );
  out = out.replace(
    /\\([uvHckrdb])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z]))/g,
    (_w, accent: string, braced: string | undefined, bare: string | undefined) => {
      const base = (braced ?? bare ?? '').replace(/^\\([ij])$/, '$1');
      return `${base}${ACCENTS[accent]}`.normalize('NFC');
    },
  );
  out = out.replace(
    /\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s*/g,
    (_w, name: string) => LETTERS[name] ?? name,
  );
  out = out.replace(/\\([&%$#_{}@])/g, '$1');
  out = out.replace(/\\(?:textendash)\b\s*|---?/g, (dash) => (dash === '---' ? '—' : '–'));
  out = out.replace(/\\(?:emph|textit|textbf|textsc|texttt|textrm|mbox|url)\s*\{([^{}]*)\}/g, '$1');
  out = out.replace(/\\([A-Za-z]+)\s*/g, (whole, name: string) => GREEK[name] ?? whole);
  out = out.replace(/~/g, ' ').replace(/\\,/g, ' ').replace(/\\ /g, ' ');
  return out.replace(/[{}]/g, '');
}

/** Whitespace runs to one space, no space just inside brackets (`( PIK3CA )` -> `(PIK3CA)`). */
function collapseSpace(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([([]) /g, '$1')
    .replace(/ ([)\]])/g, '$1')
    .trim();
}

/** `Title.` -> `Title`; keeps `...` and a final `?`/`!`. */
function dropTrailingStop(title: string): string {
  return title.replace(/(?<!\.)\.$/, '').trim();
}

export interface TitleOptions {
  subtitle?: string | null;
  /** The text is LaTeX (arXiv, BibTeX): decode accents, math and braces. */
  latex?: boolean;
}

/** A source's title as a list writes it. */
export function cleanTitle(raw: string, options: TitleOptions = {}): string {
  const one = (text: string) => {
    let out = decodeEntities(stripMarkup(text));
    if (options.latex || /\$[^$]+\$|\\["'`^~=.a-zA-Z]|\{\\/.test(out)) out = latexToText(out);
    return collapseSpace(decodeEntities(out));
  };
  let title = one(raw);
  const subtitle = options.subtitle ? one(options.subtitle) : '';
  if (subtitle !== '' && !title.toLowerCase().includes(subtitle.toLowerCase())) {
    title = /[:?!.—–-]$/.test(title) ? `${title} ${subtitle}` : `${title}: ${subtitle}`;
  }
  return dropTrailingStop(title);
}

/** Names, venues and other short fields: markup and entities decoded, whitespace collapsed. */
export function cleanText(raw: string, latex = false): string {
  let out = decodeEntities(stripMarkup(raw));
  if (latex || /\\["'`^~=.a-zA-Z]|\{\\/.test(out)) out = latexToText(out);
  return collapseSpace(decodeEntities(out));
}
