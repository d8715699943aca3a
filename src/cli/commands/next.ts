/** `papers next`: the unread paper to read next, first in document order within the filter or a random one. */
import { NotFoundError } from '../../core/model/errors.js';
import { filterPapers, type PaperFilter } from '../../core/query/query.js';
import { printJson, stdoutColors } from '../context.js';
import type { CommandContext } from '../context.js';
import { paperJson } from '../output/json.js';
import { sanitize } from '../output/sanitize.js';
import { areaOfRepository, loadAllFacts } from '../workspace.js';

export interface NextOptions {
  area?: string;
  venue?: string;
  random?: boolean;
  json?: boolean;
}

export async function runNext(ctx: CommandContext, options: NextOptions): Promise<void> {
  const { papers } = await loadAllFacts(ctx);
  const filter: PaperFilter = { state: 'unread' };
  if (options.area !== undefined) filter.area = areaOfRepository(ctx, papers, options.area);
  if (options.venue !== undefined) filter.venue = options.venue;
  const unread = filterPapers(papers, filter);
  if (unread.length === 0) {
    const scope = [options.area && `in "${options.area}"`, options.venue && `from ${options.venue}`]
      .filter(Boolean)
      .join(' ');
    const { state: _unread, ...anyState } = filter;
    const all = filterPapers(papers, anyState);
    const why = all.length ? 'everything there is read' : 'no paper matches';
    throw new NotFoundError(`no unread paper${scope ? ` ${scope}` : ''}: ${why}`);
  }
  const paper = options.random ? unread[Math.floor(Math.random() * unread.length)]! : unread[0]!;
  if (options.json) {
    printJson(ctx, paperJson(paper));
    return;
  }
  const color = await stdoutColors(ctx);
  const venue = paper.venue ? ` ${color.yellow(`[${sanitize(paper.venue)}]`)}` : '';
  const lines = [`${color.cyan(sanitize(paper.id))}  ${sanitize(paper.title)}${venue}`];
  const link = paper.links[0];
  if (link) lines.push(`  ${sanitize(link.label)}: ${sanitize(link.url)}`);
  lines.push(
    color.dim(
      `  ${unread.length} unread${unread.length === 1 ? '' : ' to choose from'}; papers open ${sanitize(paper.id)}`,
    ),
  );
  ctx.stdout.write(`${lines.join('\n')}\n`);
}
