/** The `--json` shape of a paper (documented in the README): stable, verbatim text. */
import type { PaperFacts } from '../../core/model/paper.js';

/** What `list --json` prints per paper: the facts, without offsets. */
export type PaperJson = Omit<PaperFacts, 'checkbox'> & { state: 'read' | 'reading' | 'unread'; file?: string };

export function paperJson(paper: PaperFacts & { file?: string }): PaperJson {
  return {
    // A paper of a repository's list: its file (also the first name of its area).
    ...(paper.file === undefined ? {} : { file: paper.file }),
    id: paper.id,
    number: paper.number,
    title: paper.title,
    read: paper.read,
    reading: paper.reading,
    state: paper.read ? 'read' : paper.reading ? 'reading' : 'unread',
    area: paper.area,
    venue: paper.venue,
    year: paper.year,
    links: paper.links.map((link) => ({ label: link.label, url: link.url })),
    line: paper.line,
    source: paper.source ?? 'task',
  };
}
