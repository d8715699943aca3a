/**
 * Several changes that each need the list as the one before left it (`rm a b`, `mv a b --area X`):
 * each runs on the text the previous one made, and the whole is one edit over the region that changed.
 */
import { applyEdits, changedRegion, mapOffset } from '../../core/write/splice.js';
import type { ListDocument, Paper } from '../../core/model/paper.js';
import type { Change } from '../../core/write/change.js';
import { resolvePaper } from '../../core/query/query.js';
import { NotFoundError } from '../../core/model/errors.js';
import type { Target } from '../targets.js';
import type { ReadingRule } from '../../core/read/formats/rules.js';

export type Parse = (text: string) => ListDocument;

/**
 * The parser of the list the ids name (with the user's reading rules for it: a list read only through
 * them is no list without them), loaded only when there is more than one paper (one change needs no
 * second parse).
 */
export async function parserFor(
  ids: readonly unknown[],
  rules: readonly ReadingRule[] | undefined,
): Promise<Parse | null> {
  if (ids.length <= 1) return null;
  const { parseDocument } = await import('../../core/read/parse.js');
  return (text) => parseDocument(text, { rules });
}

export function inSequence(
  doc: ListDocument,
  ids: readonly Target[],
  parse: Parse | null,
  step: (doc: ListDocument, paper: Paper) => Change,
): Change {
  // Every id is looked up in the list as it was: numbers mean what `list` showed.
  const papers = [...new Set(ids.map((id) => resolvePaper(doc.papers, id)))];
  const keys = papers.map((paper) => paper.checkbox.start);
  let current = doc;
  const total: Change = { edits: [], message: '', createdAreas: [], touched: [], removed: [] };
  const messages: string[] = [];
  for (let i = 0; i < papers.length; i++) {
    const paper = current.papers.find((candidate) => candidate.checkbox.start === keys[i]);
    // A change can make another paper read as none (its table's last marked row removed, say).
    if (!paper) {
      const before = papers.slice(0, i).map((earlier) => `"${earlier.title}"`);
      throw new NotFoundError(
        `"${papers[i]!.title}" is no paper once ${before.join(', ')} changed (the list then reads otherwise); ` +
          'nothing was written: change it in a command of its own, or by hand',
      );
    }
    const change = step(current, paper);
    messages.push(change.message);
    total.createdAreas.push(...change.createdAreas);
    total.removed.push(...change.removed);
    total.touched = [...total.touched.map((offset) => mapOffset(change.edits, offset)), ...change.touched];
    if (change.edits.length === 0) continue;
    const text = applyEdits(current.text, change.edits);
    for (let k = i + 1; k < keys.length; k++) keys[k] = mapOffset(change.edits, keys[k]!);
    if (i === papers.length - 1) {
      // The last change: its own edits, when it is the only one.
      if (current === doc) return { ...total, edits: change.edits, message: messages.join('\n') };
      current = { ...current, text };
    } else {
      current = parse!(text);
    }
  }
  total.message = messages.join('\n');
  if (current.text !== doc.text) total.edits = [changedRegion(doc.text, current.text)];
  return total;
}
