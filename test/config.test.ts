/** src/config: every setting read and checked in one place, and the `.papers.json` found above a list. */
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readSettings, settingNames } from '../src/config/index.js';
import { parseConfigFile } from '../src/config/schema.js';
import { matchesGlob } from '../src/config/glob.js';
import { EXAMPLE, ROOT, runCli, runCliInProcess, tempCopy, tempDir } from './helpers.js';

const settings = readSettings({ HOME: '/home/x' });

describe('settings from the environment', () => {
  it('unset and empty give the defaults', () => {
    for (const env of [
      {},
      {
        PAPERS_SETTLE_MS: '',
        PAPERS_LOCK_TIMEOUT_MS: ' ',
        PAPERS_HTTP_TIMEOUT_MS: '',
        PAPERS_HTTP_MAX_BYTES: '',
        PAPERS_GIT_COMMIT: '',
      },
    ]) {
      const read = readSettings({ HOME: '/home/x', ...env });
      expect(read.settleMs).toBe(1000);
      expect(read.lockTimeoutMs).toBe(15_000);
      expect(read.lookup.timeoutMs).toBe(5000);
      expect(read.lookup.maxBytes).toBe(2 * 1024 * 1024);
      expect(read.gitCommit).toBe(false);
      expect(read.cacheDir).toBe('/home/x/.cache/papers');
      expect(read.stateDir).toBe('/home/x/.local/state/papers');
    }
  });

  it('reads good values', () => {
    const read = readSettings({
      PAPERS_SETTLE_MS: '0',
      PAPERS_GIT_COMMIT: 'yes',
      PAPERS_MAX_MB: '0.5',
      PAPERS_DBLP_API: 'http://127.0.0.1:9/dblp/',
      PAPERS_HTTP_MIN_INTERVAL_MS: '0',
      PAPERS_HTTP_MAX_BYTES: '4096',
      XDG_CACHE_HOME: '/c',
      XDG_STATE_HOME: '/s',
      DEBUG: 'x,papers',
    });
    expect(read.settleMs).toBe(0);
    expect(read.gitCommit).toBe(true);
    expect(read.maxFileBytes).toBe(512 * 1024);
    expect(read.lookup.dblpApi).toBe('http://127.0.0.1:9/dblp');
    expect(read.lookup.minIntervalMs).toBe(0);
    expect(read.lookup.maxBytes).toBe(4096);
    expect(read.cacheDir).toBe('/c/papers');
    expect(read.stateDir).toBe('/s/papers');
    expect(read.debug).toBe(true);
    expect(readSettings({ PAPERS_GIT_COMMIT: 'off', PAPERS_CACHE_DIR: '/d' })).toMatchObject({
      gitCommit: false,
      cacheDir: '/d',
    });
  });

  it.each([
    ['PAPERS_SETTLE_MS', 'soon', /PAPERS_SETTLE_MS="soon" is not valid: it takes a whole number, 0 or more/],
    ['PAPERS_LOCK_TIMEOUT_MS', '-5', /PAPERS_LOCK_TIMEOUT_MS="-5" is not valid/],
    ['PAPERS_HTTP_TIMEOUT_MS', '0', /PAPERS_HTTP_TIMEOUT_MS="0" is not valid: it takes a whole number, 1 or more/],
    ['PAPERS_HTTP_MAX_BYTES', '2MB', /PAPERS_HTTP_MAX_BYTES="2MB" is not valid: it takes a whole number, 1 or more/],
    ['PAPERS_MAX_MB', '0', /PAPERS_MAX_MB="0" is not valid: it takes a number above 0/],
    ['PAPERS_GIT_COMMIT', 'please', /PAPERS_GIT_COMMIT="please" is not valid: it takes 1, true, yes or on/],
    ['PAPERS_NO_CACHE', 'x', /PAPERS_NO_CACHE="x"/],
    [
      'PAPERS_ARXIV_API',
      'ftp://x',
      /PAPERS_ARXIV_API="ftp:\/\/x" is not valid: it takes an http:\/\/ or https:\/\/ URL/,
    ],
  ])('%s=%s is an error naming the setting and what it takes', (name, value, message) => {
    expect(() => readSettings({ [name]: value })).toThrow(ConfigError);
    expect(() => readSettings({ [name]: value })).toThrow(message);
    expect(new ConfigError('x').exitCode).toBe(2);
  });

  it('the README lists every setting, and no other PAPERS_ variable', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('### Configuration'),
      readme.indexOf('\n## ', readme.indexOf('### Configuration')),
    );
    expect(section.length).toBeGreaterThan(100);
    const names = settingNames();
    for (const name of names) expect(section, name).toContain(`\`${name}\``);
    const mentioned = new Set(section.match(/\bPAPERS_[A-Z0-9_]+/g));
    expect([...mentioned].filter((name) => !names.includes(name))).toEqual([]);
    expect(section).toContain('.papers.json');
  });
});

describe('.papers.json', () => {
  const example = {
    lists: ['README.md', 'papers/*.md'],
    formats: [
      {
        file: 'README.md',
        heading: 'MLSys',
        statusColumn: 'Priority',
        titleColumn: 'Paper',
        markers: { read: ['Done', '✅'], reading: ['70%'], unread: ['Pending', ''] },
      },
      { file: 'papers/**/*.md', markers: { read: ['yes'] } },
    ],
  };

  it('is found by walking up from the list, and its format rules apply by glob', async () => {
    const root = tempDir();
    writeFileSync(join(root, '.papers.json'), JSON.stringify(example));
    mkdirSync(join(root, 'papers', 'deep'), { recursive: true });
    const top = await loadConfig(settings, 'README.md', root);
    expect(top.file?.path).toBe(join(root, '.papers.json'));
    expect(top.file?.lists).toEqual(['README.md', 'papers/*.md']);
    expect(top.file?.doneDates).toBe(false);
    expect(top.formats).toEqual([example.formats[0]]);
    expect(top.warnings).toEqual([]);
    const deep = await loadConfig(settings, join('papers', 'deep', 'x.md'), root);
    expect(deep.file?.path).toBe(join(root, '.papers.json'));
    expect(deep.formats).toEqual([example.formats[1]]);
    expect((await loadConfig(settings, 'other.md', root)).formats).toEqual([]);
  });

  it('the nearest one wins, and the walk stops there', async () => {
    const root = tempDir();
    writeFileSync(join(root, '.papers.json'), JSON.stringify(example));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', '.papers.json'), '{"doneDates": true}');
    const config = await loadConfig(settings, 'sub/list.md', root);
    expect(config.file?.path).toBe(join(root, 'sub', '.papers.json'));
    expect(config.file?.doneDates).toBe(true);
    expect(config.formats).toEqual([]);
  });

  it('none found is no config', async () => {
    const config = await loadConfig(settings, join(tempDir(), 'list.md'), '/');
    expect(config.file).toBeNull();
    expect(config.formats).toEqual([]);
  });

  it.each([
    ['{"list": []}', /x\/\.papers\.json: unknown key "list" \(known: version, lists, doneDates, formats\)/],
    ['{"formats": [{"file": "a.md", "colour": "red"}]}', /unknown key "colour" in "formats\[0\]"/],
    ['{"formats": [{"markers": {"done": ["x"]}}]}', /unknown key "done" in "formats\[0\]\.markers"/],
    ['{"lists": "README.md"}', /"lists" is not valid: it takes an array/],
    ['{"lists": [""]}', /"lists\[0\]" is not valid: it takes a text that is not empty/],
    ['{"doneDates": "yes"}', /"doneDates" is not valid: it takes true or false/],
    ['{"formats": [{"statusColumn": 3}]}', /"formats\[0\]\.statusColumn" is not valid/],
    ['{"formats": [{"markers": {"read": ["x"], "unread": ["x"]}}]}', /"x" is both read and unread/],
    ['{"version": 2}', /"version" is not valid: it takes 1/],
    ['[]', /must hold one JSON object/],
    ['{"lists": [}', /x\/\.papers\.json is not valid JSON/],
  ])('%s is refused, naming the key and the file', (text, message) => {
    expect(() => parseConfigFile(text, '/x/.papers.json')).toThrow(ConfigError);
    expect(() => parseConfigFile(text, '/x/.papers.json')).toThrow(message);
  });

  it('one that others may have written is ignored, with a warning', async (context) => {
    const root = tempDir();
    const file = join(root, '.papers.json');
    writeFileSync(file, JSON.stringify(example));
    chmodSync(file, 0o666);
    const open = await loadConfig(settings, 'README.md', root);
    expect(open.file).toBeNull();
    expect(open.warnings).toEqual([`${file} is writable by every user (chmod o-w it); it is ignored`]);
    chmodSync(file, 0o644);
    expect((await loadConfig(settings, 'README.md', root)).file).not.toBeNull();
    if (process.getuid?.() !== 0) return context.skip('changing the owner needs root');
    chownSync(file, 65534, 65534);
    const foreign = await loadConfig(settings, 'README.md', root);
    expect(foreign.file).toBeNull();
    expect(foreign.warnings).toEqual([`${file} belongs to another user (uid 65534); it is ignored`]);
  });
});

describe('globs', () => {
  it.each([
    ['README.md', 'README.md', true],
    ['*.md', 'README.md', true],
    ['*.md', 'papers/a.md', false],
    ['papers/*.md', 'papers/a.md', true],
    ['papers/**/*.md', 'papers/a.md', true],
    ['papers/**/*.md', 'papers/x/y/a.md', true],
    ['**', 'a/b', true],
    ['{a,b}.md', 'b.md', true],
    ['?.md', 'ab.md', false],
    ['./a.md', 'a.md', true],
    ['a.md', 'a-md', false],
  ])('%s ~ %s: %s', (glob, path, expected) => {
    expect(matchesGlob(glob, path)).toBe(expected);
  });
});

describe('the CLI and its settings', () => {
  it('a bad setting stops every path with exit 2, naming the setting; nothing is written', async () => {
    const file = tempCopy(EXAMPLE);
    const before = readFileSync(file, 'utf8');
    const env = { PAPERS_SETTLE_MS: 'soon' };
    const message = 'papers: PAPERS_SETTLE_MS="soon" is not valid: it takes a whole number, 0 or more (or unset it)\n';
    for (const args of [['done', 'roller'], ['list'], ['mv', 'roller', '--top']]) {
      const inProcess = await runCliInProcess(['--file', file, ...args], { env });
      expect(inProcess).toEqual({ status: 2, stdout: '', stderr: message });
    }
    // bin/ runs `done` and `list` on the hot path: the same rule there.
    expect(runCli(['--file', file, 'done', 'roller'], { env })).toMatchObject({
      status: 2,
      stdout: '',
      stderr: message,
    });
    const json = runCli(['--file', file, 'list', '--json'], { env: { PAPERS_LOCK_TIMEOUT_MS: 'x' } });
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stderr)).toEqual({
      error: {
        code: 'config',
        message: 'PAPERS_LOCK_TIMEOUT_MS="x" is not valid: it takes a whole number, 0 or more (or unset it)',
      },
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
    // Empty is the default, and help never needs the settings.
    expect((await runCliInProcess(['--file', file, 'list'], { env: { PAPERS_SETTLE_MS: '' } })).status).toBe(0);
    expect((await runCliInProcess(['--help'], { env })).status).toBe(0);
  });

  it('a .papers.json above the list is checked on every command; one others may write is ignored with a warning', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'lists'));
    const file = join(root, 'lists', 'reading.md');
    writeFileSync(file, readFileSync(EXAMPLE));
    const config = join(root, '.papers.json');
    writeFileSync(config, '{"formats": [{"file": "lists/*.md", "colour": "red"}]}');
    const bad = await runCliInProcess(['--file', file, 'list']);
    // Bad data from a file, not something the user typed: exit 1 (2 is for a variable they set).
    expect(bad).toEqual({
      status: 1,
      stdout: '',
      stderr: `papers: ${config}: unknown key "colour" in "formats[0]" (known: file, heading, statusColumn, titleColumn, markers)\n`,
    });
    expect(runCli(['--file', file, 'done', 'roller']).stderr).toBe(bad.stderr);
    writeFileSync(config, '{"formats": [{"file": "lists/*.md", "statusColumn": "Priority"}]}');
    expect((await runCliInProcess(['--file', file, 'list'])).stderr).toBe('');
    chmodSync(config, 0o666);
    const open = runCli(['--file', file, 'done', 'roller']);
    expect(open.status, open.stderr).toBe(0);
    expect(open.stderr).toBe(`papers: ${config} is writable by every user (chmod o-w it); it is ignored\n`);
  });
});
