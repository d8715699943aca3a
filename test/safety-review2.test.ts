/**
 * What the #21 second review broke. Terminal safety where the untrusted text is not a table cell: a
 * list file's name in a repository of lists (another contributor chose it), and JSON errors that quote
 * titles; such text reaches stderr and stdout only with control, C1 and bidi characters replaced, or,
 * under --json, written as \u escapes. A FIFO swapped in for the list right before the rename. And what a
 * cached model decided on its own word: a plan that changes nothing, and open's refusal. Exit codes: a
 * `.papers.json` that is not valid is bad data from a file (1), not what the user typed (2).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killAtTestEnd, raceBeforeCommit, runBinInProcess, runCliInProcess, tempDir, tempFile } from './helpers.js';
import { itIf, needs } from './needs.js';

/** What must never reach a terminal raw (README, Terminal safety): \n and \t aside. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const EVIL = 'x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil';

/** A repository of lists whose second list's file name holds escape sequences. */
function repositoryWithHostileName(hostileText: string): { dir: string; hostile: string } {
  const dir = tempDir();
  mkdirSync(join(dir, 'papers'));
  writeFileSync(join(dir, '.papers.json'), JSON.stringify({ version: 1, lists: ['papers/*.md'] }));
  writeFileSync(join(dir, 'papers', 'a.md'), '# A\n\n- [ ] Alpha only here\n');
  const hostile = join(dir, 'papers', `n${EVIL}.md`);
  writeFileSync(hostile, hostileText);
  return { dir, hostile };
}

describe('untrusted text outside the tables', () => {
  it('a list whose file name holds escapes: the ==> header of a command across lists', async () => {
    const { dir } = repositoryWithHostileName('# B\n\n- [ ] Beta only here\n');
    const result = await runCliInProcess(['done', 'alpha-only-here', 'beta-only-here'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('==> papers/n');
    expect(result.stdout + result.stderr).not.toMatch(UNSAFE);
  });

  it('the only list, with no papers, named with escapes: the note that says so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ version: 1, lists: ['*.md'] }));
    writeFileSync(join(dir, `n${EVIL}.md`), '# Empty\n\nno papers here\n');
    const result = await runCliInProcess(['list'], { cwd: dir });
    expect(result.stderr).toContain('no `- [ ]` task items');
    expect(result.stdout + result.stderr).not.toMatch(UNSAFE);
  });

  it('undo --list on a list named with escapes that was edited since', async () => {
    // One list (no ==> headers): the message names it by its file name.
    const dir = tempDir();
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ version: 1, lists: ['*.md'] }));
    const hostile = join(dir, `n${EVIL}.md`);
    writeFileSync(hostile, '# B\n\n- [ ] Beta only here\n');
    expect((await runCliInProcess(['done', 'beta-only-here'], { cwd: dir })).status).toBe(0);
    writeFileSync(hostile, '# B\n\n- [x] Beta only here\n\nedited\n');
    const result = await runCliInProcess(['undo', '--list'], { cwd: dir });
    expect(result.stdout).toContain('was edited after #1');
    expect(result.stdout + result.stderr).not.toMatch(UNSAFE);
  });

  it('a --json error that quotes titles writes C1 and bidi characters as \\u escapes', async () => {
    const file = tempFile(`# L\n\n- [ ] Paper one ${EVIL}\n- [ ] Paper two ${EVIL}\n`);
    const result = await runBinInProcess(['--file', file, 'done', 'paper', '--json']);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(UNSAFE);
    // The text itself is kept: the JSON says what the file holds.
    const error = JSON.parse(result.stderr) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('ambiguous');
    expect(error.error.message).toContain(EVIL);
  });
});

describe('the last read before the rename', () => {
  it('a FIFO swapped in for the list is not read (a plain read would block, holding the lock): nothing written', async () => {
    const original = '# L\n\n- [ ] Roller paper\n';
    const { file, result } = await raceBeforeCommit(
      () => tempFile(original),
      ['done', 'roller'],
      (file) => {
        // Someone who may write the folder puts a FIFO where the list was, and a writer that would hand a
        // blocking read the very bytes papers expects (so that the old code does not hang, but reads it).
        renameSync(file, `${file}.kept`);
        execFileSync('mkfifo', [file]);
        const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', `${file}.kept`, file], { stdio: 'ignore' });
        killAtTestEnd(writer);
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/is not a regular file/);
    expect(lstatSync(file).isFIFO()).toBe(true);
    expect(readFileSync(`${file}.kept`, 'utf8')).toBe(original);
  });
});

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * A cache in which `text`'s entry is the real entry of `other` (the same length, parsed for real): every
 * count, offset and checksum is right, and every paper it has is where the text has one. The env to use it.
 */
async function cacheHolding(text: string, other: string): Promise<Record<string, string>> {
  expect(other.length).toBe(text.length);
  const scratch = tempDir();
  expect(
    (await runCliInProcess(['--file', tempFile(other), 'list'], { env: { XDG_CACHE_HOME: scratch } })).status,
  ).toBe(0);
  const cache = tempDir();
  mkdirSync(join(cache, 'papers'), { mode: 0o700 });
  copyFileSync(join(scratch, 'papers', `${sha1(other)}.entry`), join(cache, 'papers', `${sha1(text)}.entry`));
  return { XDG_CACHE_HOME: cache };
}

describe("what a cached model said on its own word (another text's entry under this text's key)", () => {
  // The entry's text has Alpha's "- " as two spaces: Alpha is no paper there, so #1 is Bravo, read already.
  const TEXT =
    '# L\n\n- [ ] Alpha paper one: [[Paper](https://e.org/a)]\n- [x] Bravo paper two: [[Paper](https://e.org/b)]\n';
  const WITHOUT_ALPHA = TEXT.replace('- [ ] Alpha', '  [ ] Alpha');

  it("'already marked read' is asked again of the text: done 1 marks Alpha", async () => {
    const env = await cacheHolding(TEXT, WITHOUT_ALPHA);
    const file = tempFile(TEXT);
    const result = await runBinInProcess(['--file', file, 'done', '1'], { env });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Marked Alpha paper one as read');
    expect(readFileSync(file, 'utf8')).toBe(TEXT.replace('- [ ] Alpha', '- [x] Alpha'));
  });

  it("open's 'no paper matches' is asked again of the text: open alpha-paper-one prints its link", async () => {
    const env = await cacheHolding(TEXT, WITHOUT_ALPHA);
    const file = tempFile(TEXT);
    const result = await runCliInProcess(['--file', file, 'open', '--print', 'alpha-paper-one'], { env });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('https://e.org/a\n');
  });
});

describe('.papers.json someone else put above the list', () => {
  // As root (the link is given to nobody): the link's owner is judged, not only the file it leads to.
  itIf(needs.otherUser)("another user's link (in a sticky folder) to a file of root's is not used", async () => {
    const dir = tempDir();
    const shared = join(dir, 'shared');
    mkdirSync(join(shared, 'work'), { recursive: true });
    chmodSync(shared, 0o1777);
    writeFileSync(join(dir, 'roots.json'), '{"version": 1, "rootsOwn": 1}');
    symlinkSync(join(dir, 'roots.json'), join(shared, '.papers.json'));
    lchownSync(join(shared, '.papers.json'), 65534, 65534);
    const file = join(shared, 'work', 'list.md');
    writeFileSync(file, '# L\n\n- [ ] Roller paper\n');
    const result = await runCliInProcess(['--file', file, 'list']);
    expect(result.stderr).not.toContain('rootsOwn');
    expect(result.stderr).toContain("is a symbolic link of another user's (uid 65534); it is ignored");
    expect(result.status).toBe(0);
  });
});

describe('papers edit on a list whose name another contributor chose', () => {
  it('a name starting with + (a command to vim) reaches the editor as a path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.papers.json'), JSON.stringify({ version: 1, lists: ['*.md'] }));
    const name = '+!touch PWNED;.md';
    writeFileSync(join(dir, name), '# L\n\n- [ ] Roller paper\n');
    // A stand-in vim that logs its arguments.
    const bin = tempDir();
    const log = join(bin, 'argv.log');
    writeFileSync(
      join(bin, 'vim'),
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)));\n`,
    );
    chmodSync(join(bin, 'vim'), 0o755);
    const result = await runCliInProcess(['edit', 'roller'], {
      cwd: dir,
      env: { PATH: `${bin}:${process.env.PATH}`, VISUAL: undefined, EDITOR: 'vim' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual(['+3', join(dir, name)]);
  });
});

describe('a .papers.json that is not valid is bad data from a file: exit 1, not 2 (what the user typed)', () => {
  const LIST = '# L\n\n- [ ] Roller paper\n';
  it.each([
    [
      'an unknown key',
      '{"version": 1, "colour": "blue"}',
      ': unknown key "colour" (known: version, lists, doneDates, formats)',
    ],
    ['version 2', '{"version": 2}', ': "version" is not valid: it takes 1'],
    ['not JSON', '{not json', ' is not valid JSON ('],
    [
      'a marker meaning two states',
      '{"version":1,"formats":[{"statusColumn":"S","markers":{"read":["x"],"unread":["x"]}}]}',
      ': "formats[0].markers": "x" is both read and unread',
    ],
  ])('%s: one line naming the file and the setting, exit 1, nothing written', async (_, config, message) => {
    const dir = tempDir();
    const file = join(dir, 'README.md');
    writeFileSync(file, LIST);
    writeFileSync(join(dir, '.papers.json'), config);
    const named = `papers: ${join(dir, '.papers.json')}${message}`;
    for (const result of [
      await runCliInProcess(['list'], { cwd: dir }),
      // bin's hot path reads the config with its own copy of the classes.
      await runBinInProcess(['done', 'roller'], { cwd: dir }),
    ]) {
      expect(result.stderr.startsWith(named), result.stderr).toBe(true);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.status).toBe(1);
    }
    const json = await runBinInProcess(['list', '--json'], { cwd: dir });
    expect(json.status).toBe(1);
    expect((JSON.parse(json.stderr) as { error: { code: string } }).error.code).toBe('config');
    expect(readFileSync(file, 'utf8')).toBe(LIST);
  });

  it('a variable the user set is still what they typed: exit 2', async () => {
    const file = tempFile(LIST);
    const result = await runBinInProcess(['--file', file, 'done', 'roller'], { env: { PAPERS_SETTLE_MS: 'soon' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PAPERS_SETTLE_MS="soon" is not valid');
    expect(readFileSync(file, 'utf8')).toBe(LIST);
    // --help's table of exit codes says the same.
    const help = (await runCliInProcess(['--help'])).stdout;
    expect(help).toMatch(/1 +failure \(.*a \.papers\.json that is not valid/);
    expect(help).toMatch(/2 +usage error \(.*a PAPERS_\* variable that is not valid\)/);
  });
});

describe('a symlinked list in a folder others may write', () => {
  const ROOT_ONLY = '# Notes\n\nroot only\n';

  /** A 0600 file of root's, in a folder of its own: where a planted link leads. */
  function rootOnlyFile(): string {
    const file = join(tempDir(), 'notes.md');
    writeFileSync(file, ROOT_ONLY, { mode: 0o600 });
    return file;
  }

  /** `command` run as nobody (in group nogroup with `inGroup`). */
  function asNobody(command: string[], inGroup = false): void {
    const groups = inGroup ? '--groups=65534' : '--clear-groups';
    execFileSync('setpriv', ['--reuid=65534', '--regid=65534', groups, '--', ...command]);
  }

  /** Root's add on `list` is refused saying `why` (and the override); the root-only file keeps its bytes. */
  async function expectRefused(list: string, why: string, rootOnly: string): Promise<void> {
    const result = await runCliInProcess(['--file', list, 'add', 'Planted by nobody', '--area', 'X']);
    expect(result.stderr).toContain(why);
    expect(result.stderr).toContain('--follow-links');
    expect(result.status).toBe(1);
    expect(readFileSync(rootOnly, 'utf8')).toBe(ROOT_ONLY);
  }

  /** Nobody moves a link of root's (left in a shared folder, leading to `rootOnly`) over `list`. */
  function plantRootLink(rootOnly: string, list: string, inGroup = false): void {
    const shared = tempDir();
    chmodSync(shared, 0o777);
    symlinkSync(rootOnly, join(shared, 'notes-link'));
    asNobody(['mv', '-f', join(shared, 'notes-link'), list], inGroup);
    expect(lstatSync(list).isSymbolicLink()).toBe(true);
  }

  // The link is root's; the folder only its group (nogroup, nobody's) may write: the group counts as others.
  itIf(needs.otherUser)('a link a group member moved there is not followed: the root-only file is kept', async () => {
    const rootOnly = rootOnlyFile();
    const group = tempDir();
    chmodSync(group, 0o775);
    chownSync(group, 0, 65534);
    const list = join(group, 'l.md');
    writeFileSync(list, '# L\n\n- [ ] Roller paper\n');
    plantRootLink(rootOnly, list, true);
    await expectRefused(
      list,
      `is a symbolic link (${list}) papers does not follow: others may write ${group}`,
      rootOnly,
    );
  });

  // The link's own folder is root's and 0755, but the folder above lets anyone rename entries (0777, not
  // sticky): nobody swaps the list's folder for another root folder that holds a root link.
  itIf(needs.otherUser)('a link whose folder others could swap (a folder above is open) is not followed', async () => {
    const top = tempDir();
    chmodSync(top, 0o755);
    const open = join(top, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const rootOnly = rootOnlyFile();
    mkdirSync(join(open, 'a'), { mode: 0o755 });
    writeFileSync(join(open, 'a', 'l.md'), '# L\n\n- [ ] Roller paper\n');
    mkdirSync(join(open, 'c'), { mode: 0o755 });
    symlinkSync(rootOnly, join(open, 'c', 'l.md'));
    asNobody(['mv', join(open, 'a'), join(open, 'a.old')]);
    asNobody(['mv', join(open, 'c'), join(open, 'a')]);
    await expectRefused(join(open, 'a', 'l.md'), `others may write ${open}, a folder above it`, rootOnly);
  });

  // Sticky, but nobody's: the folder's owner may rename any entry in it, root's link onto the list's name.
  itIf(needs.otherUser)("a link in another user's sticky folder is not followed", async () => {
    const rootOnly = rootOnlyFile();
    const theirs = tempDir();
    chmodSync(theirs, 0o1777);
    chownSync(theirs, 65534, 65534);
    const list = join(theirs, 'l.md');
    writeFileSync(list, '# L\n\n- [ ] Roller paper\n');
    plantRootLink(rootOnly, list);
    await expectRefused(
      list,
      `is a symbolic link (${list}) papers does not follow: others may write ${theirs}`,
      rootOnly,
    );
  });

  // A folder that is another user's (0755: no one else may write it, but its owner may): nobody moves root's
  // link in. The kernel's rule asks who owns the folder too.
  itIf(needs.otherUser)("a link in another user's folder is not followed, whatever the folder's mode", async () => {
    const rootOnly = rootOnlyFile();
    const theirs = tempDir();
    chmodSync(theirs, 0o755);
    chownSync(theirs, 65534, 65534);
    const list = join(theirs, 'l.md');
    plantRootLink(rootOnly, list);
    await expectRefused(
      list,
      `is a symbolic link (${list}) papers does not follow: others may write ${theirs}`,
      rootOnly,
    );
  });
});

describe('a .papers.json its group may write', () => {
  itIf(needs.otherUser)("a shared group's: ignored with a warning, so its lists are not searched", async () => {
    const repo = tempDir();
    mkdirSync(join(repo, 'private'));
    const diary = join(repo, 'private', 'diary.md');
    writeFileSync(diary, '# Diary\n\n- [ ] Secret plan\n');
    writeFileSync(join(repo, 'list.md'), '# L\n\n- [ ] Public paper\n');
    // A member of the group pointed "lists" at the diary.
    writeFileSync(join(repo, '.papers.json'), JSON.stringify({ version: 1, lists: ['private/*.md'] }));
    chownSync(join(repo, '.papers.json'), 0, 65534);
    chmodSync(join(repo, '.papers.json'), 0o664);
    const result = await runCliInProcess(['--file', join(repo, 'list.md'), 'list'], { cwd: repo });
    expect(result.stderr).toContain('is writable by its group (chmod g-w it); it is ignored');
    chmodSync(join(repo, '.papers.json'), 0o644);
    const trusted = await runCliInProcess(['done', 'secret-plan'], { cwd: repo });
    expect(trusted.status, trusted.stderr).toBe(0);
    chmodSync(join(repo, '.papers.json'), 0o664);
    writeFileSync(diary, '# Diary\n\n- [ ] Secret plan\n');
    const refused = await runCliInProcess(['done', 'secret-plan'], { cwd: repo });
    expect(refused.status).not.toBe(0);
    expect(readFileSync(diary, 'utf8')).toBe('# Diary\n\n- [ ] Secret plan\n');
  });
});

describe("a repository's list that is a link leading outside it", () => {
  // git makes a repository's links the cloning user's own, in the user's folder: the link rule follows
  // them, but whoever wrote the repository chose where they point.
  it('is skipped with a warning naming it and the fix; the file outside is not touched', async () => {
    const top = tempDir();
    const repo = join(top, 'repo');
    mkdirSync(join(repo, 'data'), { recursive: true });
    mkdirSync(join(top, 'outside'));
    const ideas = join(top, 'outside', 'ideas.md');
    const IDEAS = '# Private\n\n- [ ] Secret outside paper\n';
    writeFileSync(ideas, IDEAS);
    writeFileSync(join(repo, '.papers.json'), JSON.stringify({ version: 1, lists: ['*.md'] }));
    writeFileSync(join(repo, 'README.md'), '# L\n\n- [ ] Roller paper\n');
    symlinkSync('../outside/ideas.md', join(repo, 'zz-link.md'));
    // One named with escapes (the warning is sanitized), to another file outside.
    writeFileSync(join(top, 'outside', 'other.md'), '# O\n\n- [ ] Other outside paper\n');
    symlinkSync('../outside/other.md', join(repo, `zz-n${EVIL}.md`));
    // A link that stays inside the repository is a list like any other.
    writeFileSync(join(repo, 'data', 'inside.md'), '# In\n\n- [ ] Inside paper\n');
    symlinkSync('data/inside.md', join(repo, 'yy-inside.md'));
    const result = await runCliInProcess(['done', 'secret-outside-paper'], { cwd: repo });
    expect(readFileSync(ideas, 'utf8')).toBe(IDEAS);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `papers: zz-link.md is a symbolic link (or leads through one) to ${ideas}, outside the repository ${repo}; it is skipped: check where it points, then pass --follow-links to work on it too\n`,
    );
    expect(result.stderr).toContain('papers: zz-n');
    expect(result.stdout + result.stderr).not.toMatch(UNSAFE);
    const inside = await runCliInProcess(['done', 'inside-paper'], { cwd: repo });
    expect(inside.status, inside.stderr).toBe(0);
    expect(readFileSync(join(repo, 'data', 'inside.md'), 'utf8')).toBe('# In\n\n- [x] Inside paper\n');
    // The user who has checked where it points passes --follow-links.
    const followed = await runCliInProcess(['done', 'secret-outside-paper', '--follow-links'], { cwd: repo });
    expect(followed.status, followed.stderr).toBe(0);
    expect(readFileSync(ideas, 'utf8')).toBe(IDEAS.replace('[ ]', '[x]'));
  });
});

describe("a repository's link through a folder link and back (d/..)", () => {
  // The kernel follows d before `..`; a path judged as text (`d/..` dropped) is judged where it does not lead.
  it('is judged where the kernel takes it: outside, skipped; the file there is not touched', async () => {
    const top = tempDir();
    const repo = join(top, 'repo');
    mkdirSync(join(top, 'home', 'notes', 'sub'), { recursive: true });
    mkdirSync(repo);
    const ideas = join(top, 'home', 'notes', 'ideas.md');
    const IDEAS = '# Private\n\n- [ ] Secret outside paper\n';
    writeFileSync(ideas, IDEAS);
    writeFileSync(join(repo, '.papers.json'), JSON.stringify({ version: 1, lists: ['*.md'] }));
    writeFileSync(join(repo, 'README.md'), '# L\n\n- [ ] Roller paper\n');
    symlinkSync('../home/notes/sub', join(repo, 'd'));
    symlinkSync('d/../ideas.md', join(repo, 'zz-link.md'));
    // A decoy where the text-only reading of the link would land: inside the repository.
    writeFileSync(join(repo, 'ideas.md'), '# Decoy\n\n- [ ] Decoy paper\n');
    const result = await runCliInProcess(['done', 'secret-outside-paper'], { cwd: repo });
    expect(readFileSync(ideas, 'utf8')).toBe(IDEAS);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`zz-link.md is a symbolic link (or leads through one) to ${ideas}`);
  });
});

describe("summary counts are not the cache's word", () => {
  // The entry's text has the fences blanked (the same length): the example in C is a paper there, in a
  // part no edit touches; a count made from that model says 6 where the text has 5 papers.
  const TEXT = [
    '# Reading\n\nTotal: 5 · Read: 0\n\n## A\n\n- [ ] Roller: fast tensor compiler\n- [ ] Alpha two\n\n',
    '## B\n\n- [ ] Beta one\n- [ ] Beta two\n\n## C\n\n```\n- [ ] Example entry\n```\n\n- [ ] Gamma one\n',
  ].join('');
  const WITH_EXAMPLE = TEXT.replaceAll('```', '   ');

  it.each([
    ['done roller', ['done', 'roller'], 'Total: 5 · Read: 1'],
    ['add', ['add', 'New paper', '--area', 'A'], 'Total: 6 · Read: 0'],
    ['rm', ['rm', '--yes', 'alpha-two'], 'Total: 4 · Read: 0'],
  ])('%s writes the counts of the text', async (_, args, counts) => {
    const env = await cacheHolding(TEXT, WITH_EXAMPLE);
    const file = tempFile(TEXT);
    const reference = tempFile(TEXT);
    expect((await runCliInProcess(['--file', reference, ...args], { env: { PAPERS_NO_CACHE: '1' } })).status).toBe(0);
    // bin's hot path (done) and main() (add, rm).
    const result = await runBinInProcess(['--file', file, ...args], { env });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(reference, 'utf8'));
    expect(readFileSync(file, 'utf8')).toContain(`\n${counts}\n`);
  });
});
