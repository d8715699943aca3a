/** `papers lint [--json] [--fix [--dry-run]] [--ignore rule]`: problems as `file:line rule message`; exit 1 when any. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../core/model/errors.js';
import type { ListDocument } from '../../core/model/paper.js';
import type { LintContext, Problem } from '../../core/query/lint.js';
import { loadList, printJson, stdoutColors } from '../context.js';
import type { CommandContext } from '../context.js';
import { sanitize } from '../output/sanitize.js';

export interface LintOptions {
  json?: boolean;
  fix?: boolean;
  dryRun?: boolean;
  ignore?: string[];
}

export async function runLint(ctx: CommandContext, options: LintOptions): Promise<void> {
  const { RULES, lint, fixesOf } = await import('../../core/query/lint.js');
  const { documentTree } = await import('../../core/read/parse.js');
  const ignore = new Set(options.ignore ?? []);
  for (const rule of ignore) {
    if (!(RULES as readonly string[]).includes(rule))
      throw new UsageError(`--ignore: there is no rule "${rule}"; the rules are ${RULES.join(', ')}`);
  }
  if (options.dryRun && !options.fix) throw new UsageError('--dry-run goes with --fix: papers lint --fix --dry-run');
  if (options.fix && options.json)
    throw new UsageError('--fix prints what it fixed as text; run papers lint --json afterwards for what is left');
  const path = ctx.filePath;
  const folder = dirname(resolve(path));
  const check = (doc: ListDocument): Problem[] => {
    const context: LintContext = {
      doc,
      tree: documentTree(doc.text.slice(doc.bomLength)),
      fileExists: (relative) => existsSync(resolve(folder, relative)),
    };
    return lint(context, ignore);
  };

  if (options.fix) {
    const { runMutation } = await import('../mutate.js');
    await runMutation(ctx, { dryRun: options.dryRun === true }, (doc) => {
      const fixable = check(doc).filter((problem) => problem.fix?.length);
      const lines = fixable.map((problem) => `fixed ${path}:${problem.line} ${problem.rule}`);
      return {
        edits: fixesOf(fixable),
        message: fixable.length ? lines.join('\n') : 'nothing to fix',
        createdAreas: [],
        touched: [],
        removed: [],
      };
    });
  }

  const { doc } = await loadList(ctx);
  // After --fix --dry-run, what --fix would leave: the same report and the same exit code as --fix.
  const problems = check(doc).filter((problem) => !(options.dryRun && problem.fix?.length));
  if (problems.some((problem) => problem.rule === 'counts')) await explainMergedCounts(ctx, problems);
  if (problems.length) ctx.exitCode = 1;
  if (options.json) {
    printJson(
      ctx,
      problems.map((problem) => ({
        file: path,
        line: problem.line,
        rule: problem.rule,
        message: problem.message,
        fixable: Boolean(problem.fix?.length),
      })),
    );
    return;
  }
  const color = await stdoutColors(ctx);
  const out = problems.map(
    (problem) =>
      `${sanitize(path)}:${problem.line} ${color.yellow(problem.rule)} ${sanitize(problem.message)}${problem.fix?.length ? color.dim(' (papers lint --fix)') : ''}`,
  );
  if (problems.length) {
    const fixable = problems.filter((problem) => problem.fix?.length).length;
    out.push(
      color.dim(
        `${problems.length} problem${problems.length === 1 ? '' : 's'}${fixable ? `, ${fixable} fixable with --fix` : ''}`,
      ),
    );
    ctx.stdout.write(`${out.join('\n')}\n`);
  } else if (!options.fix) {
    ctx.stdout.write(`${color.green('no problems')} in ${sanitize(path)}\n`);
  }
}

/**
 * Counts that disagree with the list in a clone whose git merges it line by line: a merge where both
 * sides changed a badge the same way keeps one change for two papers. Say how to make git recount.
 */
async function explainMergedCounts(ctx: CommandContext, problems: Problem[]): Promise<void> {
  const { driverStatus } = await import('../../git/setup.js');
  const status = driverStatus(resolve(ctx.cwd, ctx.filePath), ctx.env);
  if (status === null || (status.attribute && status.config)) return;
  const first = problems.find((problem) => problem.rule === 'counts')!;
  first.message +=
    '; a git merge can do this (both sides set a badge the same way, git keeps one): `papers git setup` makes git merge the list paper by paper and recount';
}
