/** `papers show <id>`: everything known about one paper. */
import type { ListDocument, Paper } from '../../core/model/paper.js';
import { formatAreaPath } from '../../core/query/query.js';
import { onePaper } from '../targets.js';
import { loadList, printJson, stdoutColors } from '../context.js';
import type { CommandContext } from '../context.js';
import { paperJson } from '../output/json.js';
import { sanitize } from '../output/sanitize.js';

export async function runShow(ctx: CommandContext, id: string | undefined, options: { json?: boolean }): Promise<void> {
  const { stored, doc } = await loadList(ctx);
  const paper = await onePaper(ctx, doc.papers, id, 'show', 'Show');
  const notes = subNotes(doc, paper);
  if (options.json) {
    printJson(ctx, { ...paperJson(paper), file: stored.path, notes });
    return;
  }
  const color = await stdoutColors(ctx);
  const label = (name: string) => color.dim(name.padEnd(7));
  const lines = [
    `${color.cyan(sanitize(paper.id))}  ${color.dim(`#${paper.number}`)}`,
    `${label('title')}  ${sanitize(paper.title)}`,
    `${label('venue')}  ${paper.venue === null ? color.dim('-') : color.yellow(sanitize(paper.venue))}${paper.year !== null ? color.dim(` (${paper.year})`) : ''}`,
    `${label('area')}  ${paper.area.length ? sanitize(formatAreaPath(paper.area)) : color.dim('(no area)')}`,
    `${label('state')}  ${paper.read ? color.green('read') : 'unread'}`,
    `${label('file')}  ${sanitize(stored.path)}:${paper.line}`,
  ];
  if (paper.links.length === 0) lines.push(`${label('links')}  ${color.dim('(none)')}`);
  paper.links.forEach((link, i) =>
    lines.push(`${label(i === 0 ? 'links' : '')}  ${sanitize(link.label)}: ${sanitize(link.url)}`),
  );
  if (notes.length) {
    lines.push(label('notes'));
    for (const note of notes) lines.push(`  ${sanitize(note)}`);
  }
  ctx.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * The lines of the item after its first paragraph (nested bullets, continuation paragraphs), with the
 * item's indentation taken off; blank lines at the ends dropped.
 */
function subNotes(doc: ListDocument, paper: Paper): string[] {
  const rest = doc.text.slice(paper.body.end, paper.span.end);
  const lines = rest.split(/\r\n|\r|\n/);
  lines.shift(); // the rest of the first paragraph's last line
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (!lines.length) return [];
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length));
  return lines.map((line) => line.slice(indent).trimEnd());
}
