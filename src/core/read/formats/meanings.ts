/**
 * What a state marker means by itself, before a file's own usage is taken into account: symbols by the
 * shape GitHub draws (a check, a cross, an empty box, an hourglass), words in the languages reading lists
 * are written in, dates (read on that day) and percentages (partly read). The file's usage refines this
 * (vocabulary.ts): `O`/`X` are a pair, a lone unknown value beside empty cells reads as done.
 * Pure data and lookups; scripts/marker-names.mjs derives the shortcode and entity names from this.
 */

export type ReadState = 'read' | 'reading' | 'unread';

/** A marker's meaning: a state, or a letter whose meaning depends on the other markers of its column. */
export type Meaning = ReadState | 'x' | 'o';

/** Symbols (variation selectors removed), by what they are drawn as. */
export const SYMBOLS: Record<ReadState, readonly string[]> = {
  // checks, and the circles/greens that Korean and Japanese lists use for "done"
  read: ['✅', '✔', '✓', '☑', '🗸', '🗹', '√', '💯', '🟢', '🟩', '⭕', '🆗', '✔️'],
  // hourglasses, an open book, construction, arrows in a circle, eyes, half-filled shapes, yellow/orange
  reading: ['⏳', '⌛', '📖', '🚧', '🔄', '👀', '🏃', '🟡', '🟨', '🟠', '🟧', '◐', '◑', '◔', '◕', '▶', '⏯', '🔜'],
  // crosses, empty boxes and circles, red stop signs
  unread: [
    '❌',
    '✗',
    '✘',
    '❎',
    '✖',
    '⛔',
    '🚫',
    '🔴',
    '🟥',
    '⨯',
    '⬜',
    '⬛',
    '☐',
    '🔲',
    '🔳',
    '◻',
    '◽',
    '▢',
    '□',
    '⚪',
    '🔘',
    '⏸',
    '⏹',
    '🕳',
    '×',
  ],
};

/** Whole-cell (or whole-token) words, lower case, spaces collapsed. */
const WORDS: Record<ReadState, readonly string[]> = {
  read: [
    'yes',
    'y',
    'done',
    'read',
    'finished',
    'complete',
    'completed',
    'ok',
    'okay',
    'clear',
    'have read',
    'already read',
    'true',
    '已读',
    '已讀',
    '读完',
    '讀完',
    '已完成',
    '完成',
    '已阅',
    '已閱',
    '是',
    '已看',
    '看完',
    '已精读',
    '읽음',
    '완료',
    '완독',
    '읽었음',
    '예',
    '済',
    '済み',
    '読了',
    '既読',
    '完了',
    'はい',
    'sí',
    'si',
    'leído',
    'leido',
    'hecho',
    'terminado',
    'completado',
    'oui',
    'lu',
    'fait',
    'terminé',
    'termine',
    'fini',
    'ja',
    'gelesen',
    'erledigt',
    'fertig',
    'sim',
    'lido',
    'feito',
    'concluído',
    'concluido',
    'да',
    'прочитано',
    'прочитана',
    'прочитан',
    'готово',
  ],
  reading: [
    'reading',
    'in progress',
    'in-progress',
    'inprogress',
    'wip',
    'ongoing',
    'on going',
    'doing',
    'ing',
    'started',
    'partial',
    'partially read',
    'currently reading',
    'now reading',
    'skimmed',
    'skimming',
    '在读',
    '正在读',
    '阅读中',
    '閱讀中',
    '进行中',
    '進行中',
    '读中',
    '在看',
    '읽는중',
    '읽는 중',
    '진행중',
    '진행 중',
    '読書中',
    '読んでる',
    '読み中',
    'leyendo',
    'en progreso',
    'en curso',
    'en cours',
    'en lecture',
    'lese',
    'in bearbeitung',
    'in arbeit',
    'lendo',
    'em andamento',
    'em progresso',
    'читаю',
    'в процессе',
  ],
  unread: [
    'no',
    'n',
    'todo',
    'to do',
    'to-do',
    'to read',
    'to-read',
    'to_read',
    'toread',
    'unread',
    'not read',
    'not yet',
    'not yet read',
    'pending',
    'tbd',
    'tbu',
    'tbr',
    'to be read',
    'not started',
    'backlog',
    'planned',
    'queued',
    'later',
    'skip',
    'skipped',
    'dropped',
    'abandoned',
    'false',
    'none',
    '未读',
    '未讀',
    '未完成',
    '未开始',
    '未開始',
    '待读',
    '待讀',
    '否',
    '未',
    '没读',
    '未看',
    '미완료',
    '안읽음',
    '안 읽음',
    '읽지않음',
    '읽지 않음',
    '아니오',
    '미독',
    '未読',
    'いいえ',
    '未着手',
    'no leído',
    'no leido',
    'pendiente',
    'non lu',
    'à lire',
    'a lire',
    'non',
    'ungelesen',
    'nein',
    'offen',
    'não lido',
    'nao lido',
    'pendente',
    'não',
    'nao',
    'нет',
    'не прочитано',
    'не прочитана',
  ],
};

/** Placeholders that say "nothing here yet": unread, written as the file writes it. */
const BLANKS = new Set(['-', '--', '---', '—', '–', 'n/a', 'na', '/', '?', '...', '…']);

const symbolMeaning = new Map<string, ReadState>();
for (const state of ['read', 'reading', 'unread'] as const)
  for (const symbol of SYMBOLS[state]) symbolMeaning.set(withoutSelectors(symbol), state);
const wordMeaning = new Map<string, ReadState>();
for (const state of ['read', 'reading', 'unread'] as const)
  for (const word of WORDS[state]) wordMeaning.set(word, state);

/** The symbol without emoji variation selectors (`✔️` and `✔` are one symbol). */
export function withoutSelectors(text: string): string {
  return text.replace(/[\uFE0E\uFE0F]/g, '');
}

/** The meaning of one symbol (a single emoji or sign), if it has one. */
export function symbolMeaningOf(symbol: string): ReadState | undefined {
  return symbolMeaning.get(withoutSelectors(symbol));
}

/**
 * Colours (traffic lights: 🟢 🟡 🔴, coloured squares) mean a state where a column is named so or a legend
 * says so; elsewhere lists use them for priority or topic, so they are no marker by themselves.
 */
const COLOURS = new Set(['🟢', '🟩', '🟡', '🟨', '🟠', '🟧', '🔴', '🟥', '⚪']);
export function isColour(symbol: string): boolean {
  return COLOURS.has(withoutSelectors(symbol));
}

/** Every symbol that has a meaning (for the generator of shortcode and entity names). */
export function meaningfulSymbols(): string[] {
  return [...symbolMeaning.keys()];
}

const DATE =
  /^(?:\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|[a-z]{3,9}\.? \d{1,2},? ?\d{4}|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|\d{4}年\d{1,2}月(?:\d{1,2}日)?)$/i;
const PERCENT = /^(\d{1,3}(?:\.\d+)?)\s*%$/;

/**
 * A date, a percentage or a link (`[Read](notes/x.md)`) says something of one paper only: another paper's
 * is never copied to it.
 */
export function isPaperOwnValue(text: string): boolean {
  const words = text.trim().toLowerCase();
  return DATE.test(words) || PERCENT.test(words) || /\]\(|<a\s|https?:\/\//i.test(text);
}

/**
 * Meanings that say a state only in a column named as a status column: a date (read on that day), a
 * percentage, a placeholder, a letter. Elsewhere (`Accuracy 93%`, a `Date` column) they are data.
 */
export function isWeakMarkerText(text: string): boolean {
  const words = text.trim().toLowerCase();
  return DATE.test(words) || PERCENT.test(words) || BLANKS.has(words) || words.length === 1;
}

/**
 * The meaning of a cell's or token's text as words (already decoded, markup removed): a word of WORDS, a
 * placeholder (unread), a date (read on that day), a percentage (0 unread, 100 read, else reading), or the
 * letters x/o, whose meaning depends on the column. Undefined when the text is none of these.
 */
export function wordMeaningOf(text: string): Meaning | undefined {
  const words = text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s*_~`"'“”「」]+|[\s*_~`"'“”「」!?.。！？:：]+$/gu, '')
    .trim();
  if (words === '') return undefined;
  const known = wordMeaning.get(words);
  if (known) return known;
  if (words === 'x') return 'x';
  if (words === 'o' || words === '○' || words === '◯') return 'o';
  if (BLANKS.has(words)) return 'unread';
  const percent = PERCENT.exec(words);
  if (percent) {
    const value = Number(percent[1]);
    return value <= 0 ? 'unread' : value >= 100 ? 'read' : 'reading';
  }
  if (DATE.test(words)) return 'read';
  return undefined;
}

/** Signs a status cell may hold besides its marker (a note, a star, a link sign): kept and ignored. */
export const DECORATIONS: readonly string[] = [
  '📝',
  '📄',
  '📑',
  '🔗',
  '⭐',
  '🌟',
  '🔥',
  '💡',
  '📌',
  '📎',
  '🏆',
  '👍',
  '★',
  '☆',
  '✨',
  '🎉',
];
const decorationSet = new Set(DECORATIONS);

/** Is this symbol (selectors removed) a decoration? */
export function isDecoration(symbol: string): boolean {
  return decorationSet.has(withoutSelectors(symbol)) || /^[\uFE0E\uFE0F]+$/.test(symbol);
}
