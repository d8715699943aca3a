/**
 * `papers refresh [<id>...]`: for papers listed as arXiv preprints, ask whether a published version
 * exists (arXiv, then DBLP by title) and write its venue (and with --link published, its link).
 */
import { FileError, UsageError } from '../../core/model/errors.js';
import { arxivBase, identityOf } from '../../core/query/identity.js';
import { formatVenue, neighbourForm, venueFormOf } from '../../core/meta/venue-form.js';
import { describeProposal, isListedPreprint, type Proposal, proposeRefresh } from '../../core/meta/refresh.js';
import { mapOffset } from '../../core/write/splice.js';
import type { Change } from '../../core/write/change.js';
import { resolvePaper } from '../../core/query/query.js';
import { metaOfListed } from '../../lookup/listed.js';
import { loadList } from '../context.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { sanitize } from '../output/sanitize.js';
import { confirm, isInteractive } from '../prompt.js';
import { lookupContextOf } from '../lookup-context.js';

export interface RefreshOptions extends MutationOptions {
  link?: string;
  yes?: boolean;
  cache?: boolean;
}

interface Wanted {
  arxiv: string;
  venue: string;
  url: string | null;
}

export async function runRefresh(ctx: CommandContext, ids: string[], options: RefreshOptions): Promise<void> {
  const ask = !options.yes && !options.dryRun;
  if (ask && !isInteractive(ctx))
    throw new UsageError(
      'refresh asks before changing; not on a terminal, pass --yes (or --dry-run to see the changes)',
    );
  const { doc } = await loadList(ctx);
  const named = ids.map((id) => resolvePaper(doc.papers, id));
  for (const paper of named.filter((p) => !isListedPreprint(p))) {
    ctx.stderr.write(
      `papers: ${sanitize(paper.id)} is not listed as an arXiv preprint (an arXiv link, and no venue or an arXiv one); skipped\n`,
    );
  }
  const candidates = [...new Set(ids.length ? named : doc.papers)].filter(isListedPreprint);
  const wanted: Wanted[] = [];
  const lookup = lookupContextOf(ctx, options);
  for (const paper of candidates) {
    const { meta, warnings } = await metaOfListed(paper, lookup);
    for (const warning of warnings) ctx.stderr.write(`papers: ${sanitize(warning)}\n`);
    if (!meta?.venue) {
      ctx.stderr.write(`papers: ${sanitize(paper.id)}: no published version found\n`);
      continue;
    }
    const year = meta.venueYear ?? meta.year;
    if (year === null) continue;
    const form = (paper.venue ? venueFormOf(paper.venue) : null) ?? neighbourForm(doc, paper.area);
    const url = options.link === 'published' ? meta.publishedUrl : null;
    if (options.link === 'published' && url === null)
      ctx.stderr.write(`papers: ${sanitize(paper.id)}: no link to the published version; the link stays\n`);
    const proposal = proposeRefresh(doc, paper, formatVenue(meta.venue, year, form), url);
    if (typeof proposal === 'string') {
      ctx.stderr.write(`papers: ${sanitize(paper.id)}: not changed: ${proposal}\n`);
      continue;
    }
    if (ask) {
      ctx.stderr.write(`- ${sanitize(proposal.before)}\n+ ${sanitize(proposal.after)}\n`);
      if (!(await confirm(`Change ${sanitize(paper.id)}?`))) continue;
    }
    wanted.push({ arxiv: arxivBase(identityOf(paper).arxiv!), venue: proposal.venue, url });
  }
  if (wanted.length === 0) {
    ctx.stdout.write(candidates.length ? 'Nothing to refresh.\n' : 'No papers listed as arXiv preprints.\n');
    return;
  }
  await runMutation(ctx, options, (current) => {
    const proposals = wanted.map((want) => {
      const paper = current.papers.find((p) => isListedPreprint(p) && arxivBase(identityOf(p).arxiv!) === want.arxiv);
      // (the list changed after the proposals were made: bad data, exit 1; exit 2 is for what the user typed)
      if (!paper) throw new FileError(`the preprint arXiv:${want.arxiv} is no longer in the list; nothing was changed`);
      const proposal = proposeRefresh(current, paper, want.venue, want.url);
      if (typeof proposal === 'string') throw new FileError(`${paper.id}: ${proposal}; nothing was changed`);
      return proposal;
    });
    return combined(proposals);
  });
}

function combined(proposals: Proposal[]): Change {
  const edits = proposals.flatMap((p) => p.edits);
  return {
    edits,
    message: proposals.map(describeProposal).join('\n'),
    createdAreas: [],
    touched: proposals.map((p) => mapOffset(edits, p.paper.checkbox.start)),
    removed: [],
  };
}
