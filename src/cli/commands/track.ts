/** `papers track [--area A]`: start tracking plain lists and tables that have no state yet (all unread). */
import { documentTree } from '../../core/read/parse.js';
import { splitBom } from '../../core/model/text.js';
import { type TrackRequest, trackPlan } from '../../core/write/track.js';
import type { CommandContext } from '../context.js';
import { type MutationOptions, runMutation } from '../mutate.js';

export async function runTrack(ctx: CommandContext, options: MutationOptions & { area?: string }): Promise<void> {
  const request: TrackRequest = options.area === undefined ? {} : { area: options.area };
  await runMutation(ctx, options, (doc) => trackPlan(doc, documentTree(splitBom(doc.text).body), request));
}
