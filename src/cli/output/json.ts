/** The `--json` shape of a paper (documented in the README): stable, verbatim text. */
import type { PaperFacts } from '../../core/model/paper.js';

/** What `list --json` prints per paper: the facts, without offsets. */
export type PaperJson = Omit<PaperFacts, 'checkbox'> & { state: 'read' | 'reading' | 'unread' };

export function paperJson(paper: PaperFacts): PaperJson {
  return {
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
