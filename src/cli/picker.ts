/**
 * The paper picker: a finder on the terminal over the papers a command may act on. Typing filters (every
 * word must appear in the paper's number, id, title, venue or area), ↑↓ move, Tab selects several (when
 * the command takes several), Enter takes the selection, or the paper under the cursor when nothing is
 * selected. Ctrl-C / Ctrl-D cancel (exit 130, nothing written). Built on @inquirer/core, the library
 * under the other prompts (a filterable multi-select is not among @inquirer/prompts' own).
 * Loaded only when a command runs without ids on a terminal.
 */
import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isTabKey,
  isUpKey,
  makeTheme,
  usePagination,
  usePrefix,
  useState,
  useKeypress,
} from '@inquirer/core';
import type { PaperFacts } from '../core/model/paper.js';
import { formatPaperArea } from '../core/query/workspace.js';
import { sanitize } from './output/sanitize.js';
import { runPrompt } from './prompt.js';

interface Entry {
  paper: PaperFacts;
  /** What is shown, made safe for the terminal. */
  label: string;
  /** What the filter searches, lower-cased. */
  haystack: string;
}

interface PickerConfig {
  message: string;
  entries: Entry[];
  multiple: boolean;
  pageSize: number;
}

const finder = createPrompt<number[], PickerConfig>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<readonly number[]>([]);
  const prefix = usePrefix({ status, theme });
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = config.entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => words.every((word) => entry.haystack.includes(word)));
  const cursor = Math.min(active, Math.max(0, shown.length - 1));

  useKeypress((key, rl) => {
    if (isEnterKey(key)) {
      const picked = chosen.length ? [...chosen] : shown[cursor] ? [shown[cursor].index] : [];
      if (picked.length === 0) return;
      setStatus('done');
      done(picked);
    } else if (isUpKey(key) || isDownKey(key)) {
      // The arrow keys do not change the filter text.
      rl.clearLine(0);
      rl.write(filter);
      if (shown.length) setActive((cursor + (isUpKey(key) ? shown.length - 1 : 1)) % shown.length);
    } else if (isTabKey(key)) {
      rl.clearLine(0);
      rl.write(filter);
      const current = shown[cursor];
      if (!config.multiple || !current) return;
      setChosen(
        chosen.includes(current.index) ? chosen.filter((index) => index !== current.index) : [...chosen, current.index],
      );
      if (shown.length) setActive((cursor + 1) % shown.length);
    } else {
      setFilter(rl.line);
      setActive(0);
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    const names = chosen.length ? chosen : shown[cursor] ? [shown[cursor].index] : [];
    return `${prefix} ${message} ${theme.style.answer(names.map((index) => config.entries[index]!.paper.id).join(', '))}`;
  }
  const page = usePagination({
    items: shown,
    active: cursor,
    pageSize: config.pageSize,
    loop: false,
    renderItem: ({ item, isActive }) => {
      const mark = config.multiple ? (chosen.includes(item.index) ? '◉ ' : '◯ ') : '';
      const line = `${isActive ? '❯' : ' '} ${mark}${item.entry.label}`;
      return isActive ? theme.style.highlight(line) : line;
    },
  });
  const help = config.multiple
    ? `type to filter · ↑↓ move · Tab select · Enter done (${chosen.length} selected)`
    : 'type to filter · ↑↓ move · Enter pick';
  const body = shown.length ? page : theme.style.error(`no paper matches "${filter}"`);
  return [`${prefix} ${message} ${filter}`, `${body}\n${theme.style.help(help)}`];
});

/**
 * The papers the user picks from `papers` (one, or several when `multiple`); Ctrl-C is a
 * CancelledError. `columns` bounds the width of each line.
 */
export async function pickPapers(
  papers: readonly PaperFacts[],
  options: { message: string; multiple: boolean; columns?: number | undefined },
): Promise<PaperFacts[]> {
  const width = Math.max(40, (options.columns || 100) - 6);
  const entries = papers.map((paper): Entry => {
    const state = paper.read ? '[x]' : paper.reading ? '[/]' : '[ ]';
    const venue = paper.venue ?? (paper.year === null ? '' : String(paper.year));
    // In a repository of lists: `2024.md › MLSys/DNN Compiler`.
    const area = formatPaperArea(paper);
    const text = `${String(paper.number).padStart(3)} ${state} ${paper.id}  ${paper.title}${venue ? `  (${venue})` : ''}  ${area}`;
    return {
      paper,
      label: sanitize(text.length > width ? `${text.slice(0, width - 1)}…` : text),
      haystack: `#${paper.number} ${paper.id} ${paper.title} ${venue} ${area}`.toLowerCase(),
    };
  });
  const picked = await runPrompt((context) =>
    finder({ message: options.message, entries, multiple: options.multiple, pageSize: 12 }, context),
  );
  return picked.map((index) => entries[index]!.paper);
}
