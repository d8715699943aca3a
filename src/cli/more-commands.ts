/**
 * Commands for looking at the list and recovering from mistakes (issue #14): stats, areas, show, next,
 * open, edit, lint, undo, completion. Only their wiring lives here; each module loads when it runs.
 */
import { type Command, Option } from 'commander';
import type { GlobalOptions } from './context.js';

const ID_HELP = `<id> is a paper's id (rammer), a unique prefix (ram), its number in \`papers list\` (3),
or a unique piece of its title (holistic).`;

export function addMoreCommands(program: Command): void {
  program.option('--commit', 'after a change, git-commit just the list file (also: PAPERS_GIT_COMMIT=1)');
  program.hook('postAction', async (_program, action) => {
    const wanted = action.optsWithGlobals().commit === true || /^(1|true|yes)$/i.test(process.env.PAPERS_GIT_COMMIT ?? '');
    if (!wanted) return;
    const { commitWrites } = await import('./commands/commit.js');
    commitWrites();
  });

  program
    .command('stats')
    .description('how far along you are: read/total per area (or venue, year) with progress bars')
    .addOption(new Option('--by <group>', 'group by area, venue or year').choices(['area', 'venue', 'year']).default('area'))
    .option('--json', 'print the groups and the total as JSON')
    .addHelpText('after', `
Examples:
  $ papers stats
  $ papers stats --by venue
  $ papers stats --by year --json | jq '.groups[] | select(.percent < 50)'`)
    .action(async (options, command: Command) => {
      const { runStats } = await import('./commands/stats.js');
      await runStats(globals(command), options);
    });

  program
    .command('areas')
    .description('the area tree (headings) with read/total per area: the names --area accepts')
    .option('--json', 'print the areas as JSON')
    .addHelpText('after', `
Examples:
  $ papers areas
  $ papers areas --json | jq -r '.groups[].area'`)
    .action(async (options, command: Command) => {
      const { runAreas } = await import('./commands/stats.js');
      await runAreas(globals(command), options);
    });

  program
    .command('show <id>')
    .description('everything known about one paper: title, venue, area, links, state, file:line, notes under it')
    .option('--json', 'print the paper as JSON')
    .addHelpText('after', `
Examples:
  $ papers show rammer
  $ papers show 3 --json

${ID_HELP}`)
    .action(async (id: string, options, command: Command) => {
      const { runShow } = await import('./commands/show.js');
      await runShow(globals(command), id, options);
    });

  program
    .command('next')
    .description('the unread paper to read next (first in the list, or a random one), with its link')
    .option('-a, --area <name>', 'only this area (a heading name or path A/B)')
    .option('--venue <name>', "only this venue: OSDI or OSDI'22")
    .option('-r, --random', 'a random unread paper instead of the first')
    .option('--json', 'print the paper as JSON')
    .addHelpText('after', `
Examples:
  $ papers next
  $ papers next --area MLSys --random
  $ papers open "$(papers next --json | jq -r .id)"`)
    .action(async (options, command: Command) => {
      const { runNext } = await import('./commands/next.js');
      await runNext(globals(command), options);
    });

  program
    .command('open <id>')
    .description("open the paper's link in the browser (prints it when there is no display or no terminal)")
    .option('-l, --label <label>', 'the link with this label (e.g. Note); default: the first link')
    .option('-p, --print', 'only print the URL')
    .addHelpText('after', `
Examples:
  $ papers open rammer
  $ papers open rammer --label Note

Relative links (notes/x.md) open as files beside the list.
${ID_HELP}`)
    .action(async (id: string, options, command: Command) => {
      const { runOpen } = await import('./commands/open.js');
      await runOpen(globals(command), id, options);
    });

  program
    .command('edit <id>')
    .description("open the list in $VISUAL or $EDITOR at the paper's line")
    .addHelpText('after', `
Examples:
  $ papers edit roller
  $ EDITOR="code -w" papers edit 5

vi, vim, nvim, nano, emacs, micro, kak and hx get +LINE; code and codium get -g FILE:LINE.
${ID_HELP}`)
    .action(async (id: string, _options, command: Command) => {
      const { runEdit } = await import('./commands/edit.js');
      await runEdit(globals(command), id);
    });

  program
    .command('lint')
    .description('check the list: duplicates, missing links, broken checkboxes, mixed bullets, ... (exit 1 on problems)')
    .option('--json', 'print the problems as JSON')
    .option('--fix', 'apply the safe fixes (checkbox syntax, bullet markers) and show them')
    .option('-n, --dry-run', 'with --fix: print the fixes as a diff; write nothing')
    .option('--ignore <rule>', 'turn a rule off (repeat, or comma-separate)', collect, [] as string[])
    .addHelpText('after', `
Rules: duplicate, no-link, checkbox, venue, outside-area, mixed-bullets, missing-file, empty-area

Examples:
  $ papers lint
  $ papers lint --ignore no-link,venue
  $ papers lint --fix --dry-run`)
    .action(async (options, command: Command) => {
      const { runLint } = await import('./commands/lint.js');
      await runLint(globals(command), options);
    });

  program
    .command('undo')
    .description('revert the last change papers made to the list, if the file is still as papers left it')
    .option('--list', 'show the journal of changes that can be undone, newest first')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Examples:
  $ papers done roller && papers undo
  $ papers undo --list

The journal keeps the last 20 changes per file in $XDG_STATE_HOME/papers (~/.local/state/papers).`)
    .action(async (options, command: Command) => {
      const { runUndo } = await import('./commands/undo.js');
      await runUndo(globals(command), options);
    });

  program
    .command('completion <shell>')
    .description('print a completion script for bash, zsh or fish')
    .addHelpText('after', `
Examples:
  $ source <(papers completion bash)          # in ~/.bashrc
  $ papers completion zsh > "\${fpath[1]}/_papers"
  $ papers completion fish > ~/.config/fish/completions/papers.fish`)
    .action(async (shell: string, _options, command: Command) => {
      const { runCompletion } = await import('./commands/completion.js');
      await runCompletion(command.parent!, shell);
    });

  // Used by the completion scripts: ids or area names of the current list, one a line.
  program
    .command('__complete <kind>', { hidden: true })
    .action(async (kind: string, _options, command: Command) => {
      const { runComplete } = await import('./commands/completion.js');
      await runComplete(globals(command), kind);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((rule) => rule.trim()).filter((rule) => rule !== '')];
}

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}
