/**
 * What some tests need from the machine, each with the reason a test skips without it. Tests that need
 * one use `itIf(need)` / `describeIf(need)` instead of `it.skipIf`: a skipped test then carries its
 * reason, and the run ends with how many skipped and why (test/skip-report.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeEach, describe, inject, it, type TestFunction } from 'vitest';
import { CORPUS, SHARED } from './paths.js';

export interface Need {
  ok: boolean;
  /** Why tests that need it are skipped (shown in the run's summary). */
  why: string;
}

const runs = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

export const needs = {
  /** The real lists of ../shared/corpus (the seed is examples/paper-reading.md, always there). */
  shared: { ok: existsSync(CORPUS), why: `${SHARED}/corpus is absent (clone papers beside shared/ to run them)` },
  /** util-linux `script`, which runs the CLI on a pseudo-terminal. */
  script: { ok: runs('script', ['--version']), why: 'util-linux `script` is missing: no pseudo-terminal' },
  /** Running as user nobody (see test/global-setup.ts). */
  otherUser: {
    ok: inject('papersNoOtherUser') === '',
    why: `cannot run as user nobody: ${inject('papersNoOtherUser')}`,
  },
  git: { ok: runs('git', ['--version']), why: 'git is missing' },
  bash: { ok: runs('bash', ['-c', 'exit 0']), why: 'bash is missing' },
  zsh: { ok: runs('zsh', ['-c', 'exit 0']), why: 'zsh is missing' },
  fish: { ok: runs('fish', ['-c', 'exit 0']), why: 'fish is missing' },
  linux: { ok: process.platform === 'linux', why: 'not Linux' },
} satisfies Record<string, Need>;

/** All of `list` at once, with the first missing one's reason. */
export function all(...list: Need[]): Need {
  const missing = list.find((need) => !need.ok);
  return missing ?? { ok: true, why: '' };
}

type It = (name: string, fn: TestFunction, timeout?: number) => void;

/** `it` when `need` is met, else a test that skips saying why. */
export function itIf(need: Need): It {
  if (need.ok) return it;
  return (name) => it(name, (context) => context.skip(need.why));
}

/** `describe` when `need` is met, else the same tests, each skipping with the reason. */
export function describeIf(need: Need): (name: string, body: () => void) => void {
  if (need.ok) return describe;
  return (name, body) =>
    describe(name, () => {
      beforeEach((context) => context.skip(need.why));
      body();
    });
}
