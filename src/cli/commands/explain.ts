/** `papers explain [--json]`: how the list was read — each list and table, its markers, what was skipped and why. */
import { explain, type Explanation } from '../../core/read/formats/explain.js';
import { documentTree } from '../../core/read/parse.js';
import { splitBom } from '../../core/model/text.js';
import { type CommandContext, loadList, printJson } from '../context.js';
import { sanitize } from '../output/sanitize.js';

export async function runExplain(ctx: CommandContext, options: { json?: boolean }): Promise<void> {
  const { doc } = await loadList(ctx);
  const explanation = explain(doc, documentTree(splitBom(doc.text).body));
  const config = ctx.config.file ? { file: ctx.config.file.path, formats: ctx.config.formats } : null;
  if (options.json) {
    printJson(ctx, { file: ctx.config.listPath, ...explanation, config });
    return;
  }
  ctx.stdout.write(render(ctx.config.listPath, explanation, config));
}

const MEANING = { read: 'read', reading: 'being read', unread: 'unread' } as const;

function render(file: string, e: Explanation, config: { file: string; formats: unknown[] } | null): string {
  const out: string[] = [];
  const unread = e.papers - e.read - e.reading;
  out.push(
    `${sanitize(file)}: ${e.papers} paper${e.papers === 1 ? '' : 's'} (${e.read} read, ${e.reading ? `${e.reading} reading, ` : ''}${unread} unread)`,
  );
  const lines = ([a, b]: [number, number]) => (a === b ? `line ${a}` : `lines ${a}-${b}`);
  for (const block of e.blocks) {
    out.push('');
    out.push(
      `  ${lines(block.lines)}: ${block.kind}, ${block.papers} paper${block.papers === 1 ? '' : 's'}; state: ${sanitize(block.state)}`,
    );
    const markers = block.markers
      .map((use) => `${use.marker === '' ? '(nothing)' : sanitize(use.marker)} ${MEANING[use.state]} x${use.count}`)
      .join(', ');
    out.push(`    markers: ${markers}`);
    if (block.columns) {
      const c = block.columns;
      out.push(
        `    columns: title ${sanitize(c.title)}; venue ${c.venue ? sanitize(c.venue) : 'none'}; year ${c.year ? sanitize(c.year) : 'none'}; links ${c.links ? sanitize(c.links) : 'none'}`,
      );
    }
  }
  if (e.legend.length) {
    out.push('');
    out.push(
      `  legend (the file's own): ${e.legend.map((entry) => `${sanitize(entry.marker)} ${MEANING[entry.state]}`).join(', ')}`,
    );
  }
  if (e.skipped.length) {
    out.push('');
    out.push('  skipped:');
    for (const skip of e.skipped) out.push(`    ${lines(skip.lines)}: ${sanitize(skip.what)}: ${sanitize(skip.why)}`);
  }
  out.push('');
  out.push(
    config
      ? `  config: ${sanitize(config.file)} (${config.formats.length} format rule${config.formats.length === 1 ? '' : 's'} for this list${config.formats.length ? ', in effect above' : ''})`
      : '  config: none',
  );
  if (e.papers === 0) {
    out.push('');
    out.push('  No papers found. papers reads GitHub task lists (- [ ] Title), tables with a status column, and lists');
    out.push('  that mark each entry (✅ Title); `papers track` adds checkboxes to a plain list.');
  }
  return `${out.join('\n')}\n`;
}
