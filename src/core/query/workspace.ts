/**
 * The papers of several lists seen as one (a repository whose `.papers.json` names them): the file
 * becomes the first name of each paper's area (`2024.md › MLSys`), numbers run on across the files,
 * and an id stays as it is unless another file has a paper with the same id: then both are qualified
 * by their file's stem (`2024/rammer`, `2025/rammer`). Pure: the files come in already read.
 *
 * A merged paper is a thin object over the file's own (its prototype), so papers a command never
 * looks at cost nothing more than they did (a cached paper builds its strings when first asked).
 */
import { formatArea } from './areas.js';
import { fileStems } from './file-names.js';

export { areaInFile } from './file-names.js';
import { AmbiguousError, NotFoundError } from '../model/errors.js';
import type { Heading, Paper, PaperFacts } from '../model/paper.js';

/** What a merged paper adds: its file, and its id and number within that file alone. */
export interface InFile {
  /** The file's label (its path from the config's folder, `/` separators). */
  file: string;
  /** Index of the file among the workspace's files. */
  fileIndex: number;
  /** The paper's id in its own file: what an edit of that file resolves. */
  localId: string;
}

export interface FileOfPapers<T> {
  label: string;
  papers: readonly T[];
  /** idHash of each paper's id, when the file's cache entry gave them; else they are worked out from the ids. */
  idHashes?: Int32Array | null;
}

/**
 * A file as its papers see it in the repository: its label and index, the stem that qualifies its ids,
 * the ids it shares with another file (null for none, the common case), and its areas headed by the file.
 */
interface FileView {
  label: string;
  fileIndex: number;
  stem: string;
  colliding: ReadonlySet<string> | null;
  top: string[];
  byPath: Map<readonly string[], string[]>;
}

/**
 * A paper of one file as the repository shows it: its own id (qualified where another file has the
 * same), number and area (headed by the file); everything else is the file's paper's, read when asked.
 * Three fields, so that 50,000 of them cost little more than the file's own papers.
 */
class PaperInFile implements Paper, InFile {
  constructor(
    private readonly own: Paper,
    private readonly view: FileView,
    readonly number: number,
  ) {}
  get id(): string {
    const id = this.own.id;
    return this.view.colliding?.has(id) ? `${this.view.stem}/${id}` : id;
  }
  get localId(): string {
    return this.own.id;
  }
  get file(): string {
    return this.view.label;
  }
  get fileIndex(): number {
    return this.view.fileIndex;
  }
  get area(): string[] {
    // One array per area (filters and the table remember an area by its array; a file's papers share
    // their headings' path arrays).
    const own = this.own.area;
    if (own.length === 0) return this.view.top;
    let area = this.view.byPath.get(own);
    if (!area) this.view.byPath.set(own, (area = [this.view.label, ...own]));
    return area;
  }
  get title() {
    return this.own.title;
  }
  get read() {
    return this.own.read;
  }
  get reading() {
    return this.own.reading;
  }
  get venue() {
    return this.own.venue;
  }
  get year() {
    return this.own.year;
  }
  get links() {
    return this.own.links;
  }
  get line() {
    return this.own.line;
  }
  get checkbox() {
    return this.own.checkbox;
  }
  get source() {
    return this.own.source;
  }
  get span() {
    return this.own.span;
  }
  get body() {
    return this.own.body;
  }
  get titleSpan() {
    return this.own.titleSpan;
  }
  get venueSpan() {
    return this.own.venueSpan;
  }
  get headingIndex() {
    return this.own.headingIndex;
  }
  get listIndex() {
    return this.own.listIndex;
  }
  get row() {
    return this.own.row;
  }
}

/**
 * The hash of a paper's id by which files are compared (FNV-1a over its UTF-16 code units). A cache
 * entry hands these out without building the id strings (store/cache/decode.ts idHashes); a hash only
 * narrows the search: ids whose hashes meet in two files are compared in full.
 */
export function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/**
 * For each file, the ids another file also has (null when none). Each file's ids are unique within it,
 * so only ids whose hashes turn up in two files are built and compared.
 */
function sharedIds<T extends PaperFacts>(files: readonly FileOfPapers<T>[]): (Set<string> | null)[] {
  const hashes = files.map((file) => file.idHashes ?? Int32Array.from(file.papers, (paper) => idHash(paper.id)));
  // Hashes that turn up twice (sorted, they sit side by side): usually none.
  const all = new Int32Array(hashes.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of hashes) all.set(list, (at += list.length) - list.length);
  all.sort();
  const twice = new Set<number>();
  for (let k = 1; k < all.length; k++) if (all[k] === all[k - 1]) twice.add(all[k]!);
  const shared: (Set<string> | null)[] = files.map(() => null);
  if (twice.size === 0) return shared;
  const filesOf = new Map<string, number[]>();
  hashes.forEach((list, fileIndex) => {
    list.forEach((hash, i) => {
      if (!twice.has(hash)) return;
      const id = files[fileIndex]!.papers[i]!.id;
      const holders = filesOf.get(id);
      if (holders) holders.push(fileIndex);
      else filesOf.set(id, [fileIndex]);
    });
  });
  for (const [id, holders] of filesOf) {
    if (holders.length < 2) continue;
    for (const fileIndex of holders) (shared[fileIndex] ??= new Set()).add(id);
  }
  return shared;
}

/**
 * The papers of every file, in file order, as one list (see the file's comment). Papers read for
 * listing only (facts) come back as facts: their offsets are never asked for.
 */
export function mergePapers<T extends PaperFacts>(files: readonly FileOfPapers<T>[]): (T & InFile)[] {
  const stems = fileStems(files.map((file) => file.label));
  const shared = sharedIds(files);
  const out: (T & InFile)[] = [];
  let number = 0;
  files.forEach((file, fileIndex) => {
    const view: FileView = {
      label: file.label,
      fileIndex,
      stem: stems[fileIndex]!,
      colliding: shared[fileIndex]!,
      top: [file.label],
      byPath: new Map(),
    };
    for (const paper of file.papers)
      out.push(new PaperInFile(paper as unknown as Paper, view, ++number) as unknown as T & InFile);
  });
  return out;
}

/** Every file's headings under a heading for the file itself: what `stats` and `areas` build the tree from. */
export function mergeHeadings(files: readonly { label: string; headings: readonly Heading[] }[]): Heading[] {
  const out: Heading[] = [];
  for (const { label, headings } of files) {
    const span = { start: 0, end: 0 };
    out.push({ text: label, depth: 1, path: [label], span, sectionEnd: 0, isDocumentTitle: false });
    for (const heading of headings) {
      if (heading.isDocumentTitle) continue;
      out.push({ ...heading, path: [label, ...heading.path] });
    }
  }
  return out;
}

/**
 * `stem/id` (or `path/id`) names a paper of that file by its own id, whether or not it collides: the
 * merged paper, or null when the text names no file's paper so.
 */
export function qualifiedPaper<T extends PaperFacts & InFile>(
  papers: readonly T[],
  labels: readonly string[],
  query: string,
): T | null {
  const slash = query.lastIndexOf('/');
  if (slash <= 0) return null;
  const fileName = query.slice(0, slash).toLowerCase();
  const localId = query
    .slice(slash + 1)
    .trim()
    .toLowerCase();
  const stems = fileStems(labels);
  const fileIndex = labels.findIndex(
    (label, i) => stems[i]!.toLowerCase() === fileName || label.toLowerCase() === fileName,
  );
  if (fileIndex < 0) return null;
  return papers.find((paper) => paper.fileIndex === fileIndex && paper.localId === localId) ?? null;
}

/**
 * The error for an area that no file or several files hold, for `add` and `import`; `similar`: areas of
 * the files a few typing mistakes from it, as `--area` names them (`a.md/Systems`).
 */
export function areaChoiceError(
  area: string,
  holders: readonly string[],
  labels: readonly string[],
  similar: readonly string[] = [],
): NotFoundError | AmbiguousError {
  if (holders.length === 0)
    return new NotFoundError(
      `no list of this repository has the area "${area}"${
        similar.length
          ? ` (did you mean ${similar
              .slice(0, 5)
              .map((name) => `"${name}"`)
              .join(' or ')}?)`
          : ''
      }; to make it a new area, name the file: --file <list> (one of ${labels.join(', ')}), or --area "<file>/${area}"`,
    );
  return new AmbiguousError(
    `the area "${area}" is in ${holders.length} lists (${holders.join(', ')}); name one: --file ${holders[0]}, or --area "${holders[0]}/${area}"`,
  );
}

/** A paper's area as shown: `2024.md › MLSys/DNN Compiler` for a paper of a repository's list, else the path. */
export function formatPaperArea(paper: { area: string[]; file?: string | undefined }): string {
  if (paper.file === undefined) return formatArea(paper.area);
  return paper.area.length > 1 ? `${paper.file} › ${formatArea(paper.area.slice(1))}` : paper.file;
}
