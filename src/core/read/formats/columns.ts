/**
 * Which column of a table says what: the header names people give a status, title, venue, year and links
 * column in the languages reading lists are written in, matched on the header text with markup, emoji and
 * punctuation removed; and, where no header names a status column (or the named one holds no marker, only
 * the author's own words), the column whose cells are state markers on most rows.
 */
import type { TableLayout } from '../../model/paper.js';
import { type CellReading, isMarker } from './vocabulary.js';

type Role = 'status' | 'title' | 'venue' | 'year' | 'links';

/** Header names by role (lower case, punctuation removed). A name matches a whole header or a word of it. */
const NAMES: Record<Role, readonly string[]> = {
  status: [
    'status',
    'state',
    'read',
    'done',
    'progress',
    'completed',
    'complete',
    'finished',
    'reading status',
    'read status',
    'have read',
    'checked',
    '✓',
    '状态',
    '狀態',
    '阅读',
    '閱讀',
    '已读',
    '已讀',
    '完成',
    '进度',
    '進度',
    '是否阅读',
    '是否已读',
    '阅读状态',
    '閱讀狀態',
    '阅读进度',
    '精读',
    '已阅',
    '상태',
    '읽음',
    '읽기',
    '정독여부',
    '완료',
    '여부',
    '진행',
    '진행상황',
    '읽은여부',
    '既読',
    '読了',
    '状態',
    'ステータス',
    '進捗',
    '済',
    'estado',
    'leído',
    'leido',
    'hecho',
    'progreso',
    'statut',
    'lu',
    'état',
    'etat',
    'avancement',
    'fait',
    'gelesen',
    'erledigt',
    'fortschritt',
    'stand',
    'lido',
    'feito',
    'progresso',
    'situação',
    'situacao',
    'статус',
    'прочитано',
    'прогресс',
    'состояние',
  ],
  title: [
    'paper',
    'papers',
    'title',
    'name',
    'article',
    'articles',
    'book',
    'books',
    'paper title',
    'paper name',
    'publication',
    'reading',
    'work',
    '论文',
    '論文',
    '标题',
    '標題',
    '题目',
    '題目',
    '名称',
    '名稱',
    '名字',
    '论文标题',
    '论文名称',
    '論文標題',
    '文章',
    '文章名称',
    '文章标题',
    '书名',
    '名',
    '제목',
    '논문',
    '논문제목',
    '논문 제목',
    '이름',
    '논문명',
    'タイトル',
    '論文名',
    '題名',
    '名前',
    'título',
    'titulo',
    'artículo',
    'articulo',
    'nombre',
    'libro',
    'titre',
    'nom',
    'livre',
    'titel',
    'aufsatz',
    'buch',
    'artigo',
    'nome',
    'livro',
    'название',
    'статья',
    'заголовок',
    'книга',
  ],
  venue: [
    'venue',
    'conference',
    'conf',
    'journal',
    'published',
    'published in',
    'publication venue',
    'where',
    'source',
    '会议',
    '會議',
    '期刊',
    '出处',
    '出處',
    '来源',
    '來源',
    '发表',
    '會議/期刊',
    '会议期刊',
    '학회',
    '저널',
    '발표',
    '출처',
    '会議',
    '学会',
    '掲載',
    'conferencia',
    'revista',
    'conférence',
    'revue',
    'konferenz',
    'zeitschrift',
    'conferência',
    'конференция',
    'журнал',
  ],
  year: ['year', 'years', '年份', '年', '年度', '연도', '년도', '발행연도', 'año', 'année', 'jahr', 'ano', 'год'],
  links: [
    'links',
    'link',
    'resources',
    'urls',
    'url',
    'pdf',
    '链接',
    '連結',
    '链接地址',
    '링크',
    'リンク',
    'enlace',
    'enlaces',
    'lien',
    'liens',
    'ссылка',
    'ссылки',
  ],
};

const byName = new Map<string, Role>();
for (const role of ['status', 'title', 'venue', 'year', 'links'] as const)
  for (const name of NAMES[role]) if (!byName.has(name)) byName.set(name, role);

/** A header cell's name: emoji, markup and punctuation removed, lower case; a lone check sign is `✓`. */
export function headerName(text: string): string {
  const bare = text.replace(/[\uFE0E\uFE0F\s*_`]/g, '');
  if (/^[✓✔✅☑]$/u.test(bare) || bare === ':heavy_check_mark:' || bare === ':white_check_mark:') return '✓';
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The role a header name gives its column: the whole name, else its first word that is a name. */
export function roleOf(name: string): Role | null {
  const whole = byName.get(name);
  if (whole) return whole;
  for (const word of name.split(' ')) {
    const role = byName.get(word);
    if (role) return role;
  }
  // Chinese, Japanese and Korean names run words together (`论文名称`, `是否精读`): a name of two or more
  // of their characters inside the header names it.
  if (/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(name)) {
    for (const [known, role] of byName)
      if (known.length >= 2 && !/[a-z]/.test(known) && name.includes(known)) return role;
  }
  return null;
}

/** A table's header line cut into its cells' text (`| A | B |`, `A | B`; escaped pipes kept). */
export function headerCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** Does the header of column `index` name it as a status column (`Status`, `읽음`)? */
export function statusColumnNamed(header: readonly string[], index: number): boolean {
  return roleOf(headerName(header[index] ?? '')) === 'status';
}

/** Hints from the user's config: the header of the status or title column, when detection cannot know. */
export interface ColumnHints {
  statusColumn?: string | undefined;
  titleColumn?: string | undefined;
}

/**
 * The layout of a table, when it is a paper table; else null. `cells[r][c]` is how row r's cell c reads
 * as a status cell, and `words[r][c]` whether it holds words (letters), for finding the title column.
 */
export function chooseLayout(
  headerTexts: string[],
  cells: CellReading[][],
  words: boolean[][],
  hints: ColumnHints = {},
): TableLayout | null {
  const names = headerTexts.map(headerName);
  const roles = names.map(roleOf);
  const columns = names.length;
  const rows = cells.length;
  const byHint = (hint: string | undefined) => (hint === undefined ? -1 : names.indexOf(headerName(hint)));

  // Status: the hinted column; else a column named so that is empty on every row (nothing read yet);
  // else the best by markers. A column named so that holds markers is the status column whatever other
  // columns hold: its empty cells are papers not read yet, as its author means them, so a list with two
  // papers of five read keeps its `Status` beside a `Code` column of `✅` on four rows. A column named so
  // that holds no marker (only the author's own words) counts once, and loses to a column of markers.
  let status = byHint(hints.statusColumn);
  if (status < 0)
    status = roles.findIndex(
      (role, c) => role === 'status' && rows > 0 && cells.every((row) => !row[c] || row[c].meaning === 'empty'),
    );
  if (status < 0) {
    let best = 0;
    for (let c = 0; c < columns; c++) {
      let markers = 0;
      let other = 0;
      let empty = 0;
      const named = roles[c] === 'status';
      // A column named as something else (the title, the venue) is never the status column.
      if (!named && roles[c] !== null) continue;
      for (const row of cells) {
        const reading = row[c];
        if (!reading || reading.meaning === 'empty') {
          empty++;
          continue;
        }
        // (a placeholder, `—` or `-`, is as good as an empty cell beside markers)
        if (!named && reading.weak && reading.meaning === 'unread') continue;
        if (isMarker(reading) && (named || (!reading.weak && !reading.mixed))) markers++;
        else other++;
      }
      // An unnamed column must be markers or empty on every row (one odd cell in ten aside), and markers on
      // a good part of them (or, with no odd cell, on any: a table with one paper done so far).
      if (!named && (other > markers / 10 || markers === 0 || (other > 0 && markers < Math.max(2, rows * 0.3))))
        continue;
      // A column named so whose cells hold words of the author's own beside empty ones (`rough`, `detailed`,
      // a note) marks what was read by filling the cell in (table.ts reads it so).
      if (named && markers === 0 && other > 0 && empty === 0) continue;
      const score = named ? (markers > 0 ? rows + 1 + markers : 1) : markers;
      if (score > best) [status, best] = [c, score];
    }
  }
  if (status < 0) return null;

  let title = byHint(hints.titleColumn);
  if (title < 0 || title === status) title = roles.findIndex((role, c) => role === 'title' && c !== status);
  if (title < 0) {
    // No column is named as the title: the first one (of no other role) with words on most rows.
    title = roles.findIndex((role, c) => {
      if (c === status || (role !== null && role !== 'title')) return false;
      const filled = words.filter((row) => row[c]).length;
      return filled > 0 && filled >= rows * 0.6;
    });
  }
  if (title < 0) return null;
  const other = (role: Role) => roles.findIndex((r, c) => c !== status && c !== title && r === role);
  return { columns, status, title, venue: other('venue'), year: other('year'), links: other('links') };
}
