/**
 * `papers set <id> --title/--venue/--year/--paper/--area`: a paper's fields edited in place, in the file's
 * style, offline (core/write/set-fields.ts); --area moves it as `mv` does, in the same write.
 */
import { UsageError } from '../../core/model/errors.js';
import { resolvePaper } from '../../core/query/query.js';
import { type FieldValues, setFields } from '../../core/write/set-fields.js';
import { changedRegion } from '../../core/write/splice.js';
import { applyEdits } from '../../core/write/splice.js';
import type { Change } from '../../core/write/change.js';
import { cleanTitle, cleanVenue } from '../../core/write/validate.js';
import { withAreaChoice } from '../area-choice.js';
import type { CommandContext } from '../context.js';
import { cleanLink } from '../links.js';
import { type MutationOptions, runMutation } from '../mutate.js';
import { targetsOf, withPaperChoice } from '../targets.js';
import { areaOption, moveOne } from './mv.js';

export interface SetOptions extends MutationOptions {
  title?: string;
  venue?: string;
  year?: number;
  paper?: string;
  area?: string;
  top?: boolean;
  create?: boolean;
}

export async function runSet(ctx: CommandContext, id: string | undefined, options: SetOptions): Promise<void> {
  const values: FieldValues = {};
  if (options.title !== undefined) values.title = cleanTitle(options.title);
  if (options.venue !== undefined) values.venue = cleanVenue(options.venue);
  if (options.year !== undefined) values.year = options.year;
  if (options.paper !== undefined) values.paper = cleanLink(options.paper, ctx.filePath, options.force === true);
  const moving = options.area !== undefined || options.top === true;
  if (Object.keys(values).length === 0 && !moving)
    throw new UsageError(
      'set needs a field: --title, --venue, --year, --paper or --area (e.g. papers set roller --venue "OSDI\'22")',
    );
  const area = moving ? areaOption(options) : null;
  const targets = await targetsOf(
    ctx,
    id === undefined ? [] : [id],
    {},
    { command: 'set', verb: 'Edit', multiple: false },
  );
  const { parseDocument } = await import('../../core/read/parse.js');
  await withPaperChoice(ctx, targets, async ([target]) => {
    if (area === null) {
      await runMutation(ctx, options, (doc) =>
        setFields(doc, resolvePaper(doc.papers, target!), values, parseDocument),
      );
      return;
    }
    await withAreaChoice(ctx, area, options.create === true, (where, create) =>
      runMutation(ctx, options, (doc) => {
        const paper = resolvePaper(doc.papers, target!);
        if (Object.keys(values).length === 0) return moveOne(doc, paper, where, create, ctx.listLabel);
        const fields = setFields(doc, paper, values, parseDocument);
        if (fields.edits.length === 0) return moveOne(doc, paper, where, create, ctx.listLabel);
        const edited = parseDocument(applyEdits(doc.text, fields.edits));
        const moved = moveOne(
          edited,
          edited.papers.find((p) => p.checkbox.start === fields.touched[0])!,
          where,
          create,
          ctx.listLabel,
        );
        const after = applyEdits(edited.text, moved.edits);
        const change: Change = {
          ...moved,
          edits: [changedRegion(doc.text, after)],
          message: `${fields.message}\n${moved.message}`,
        };
        return change;
      }),
    );
  });
}
