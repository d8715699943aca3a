/** `papers edit <id>`: $VISUAL or $EDITOR at the paper's line, run without a shell. */
import { spawn } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { PapersError, UsageError } from '../../core/model/errors.js';
import { resolvePaper } from '../../core/query/query.js';
import { loadModelWithSource } from '../../store/stored-model.js';
import { readList } from '../context.js';
import type { CommandContext } from '../context.js';

export async function runEdit(ctx: CommandContext, id: string): Promise<void> {
  const path = ctx.filePath;
  // Read afresh, not from the cache: the line handed to the editor is the text's own (the cost of one
  // parse is nothing beside starting an editor).
  const doc = (await loadModelWithSource(ctx.models, readList(ctx), { fresh: true })).doc;
  const paper = resolvePaper(doc.papers, id);
  const editor = ctx.settings.editor;
  const [command, ...words] = splitWords(editor);
  if (!command) throw new UsageError('$VISUAL/$EDITOR is empty; set it to your editor, e.g. EDITOR=vim');
  // The path as an absolute one: a list's name may be another contributor's choice (a repository's
  // lists), and to an editor a name that starts with `+` is a command (vim runs `+!cmd`) and `-` an option.
  const args = [...words, ...lineArgs(command, resolve(ctx.cwd, path), paper.line)];
  const code = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: false, env: ctx.env, cwd: ctx.cwd });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new PapersError(
          // (EACCES for a bare name: a folder on $PATH this user may not search, and no editor found.)
          error.code === 'ENOENT' || (error.code === 'EACCES' && !command.includes('/'))
            ? `the editor "${command}" was not found; set $VISUAL or $EDITOR`
            : `could not run ${command}: ${error.message}`,
        ),
      ),
    );
    child.once('exit', (status, signal) => resolvePromise(status ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new PapersError(`${command} exited with status ${code}`);
}

/** How each editor is told the line: `+N file` for the vi and emacs families and friends, `-g file:N` for VS Code. */
function lineArgs(command: string, file: string, line: number): string[] {
  const name = basename(command)
    .replace(/\.exe$/i, '')
    .toLowerCase();
  if (/^(code|code-insiders|codium|vscodium|cursor|windsurf)$/.test(name)) return ['-g', `${file}:${line}`];
  if (/^(subl|sublime_text|zed)$/.test(name)) return [`${file}:${line}`];
  if (/^(n?vim?|gvim|mvim|view|ex|nano|pico|emacs|emacsclient|micro|kak|hx|helix|joe|jed|mg|ne)$/.test(name))
    return [`+${line}`, file];
  return [file];
}

/** `code -w` -> [code, -w]; quotes group words (`"/My Apps/ed" -x`). No shell expansion. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}
