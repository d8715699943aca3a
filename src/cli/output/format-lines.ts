/** `papers list --format '{id}\t{title}'`: one line per paper from a template of the --json fields. */
import { UsageError } from '../../core/model/errors.js';
import type { PaperFacts } from '../../core/model/paper.js';
import { formatPaperArea } from '../../core/query/workspace.js';
import { sanitize } from './sanitize.js';

/** The fields a --format template may name. */
const FORMAT_FIELDS = ['number', 'id', 'read', 'title', 'venue', 'year', 'area', 'links', 'line'] as const;

/** A `{field}` that is not one of FORMAT_FIELDS is a usage error, not literal text. */
export function checkTemplate(template: string): void {
  const unknown = [...template.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1]!)
    .filter((name) => !(FORMAT_FIELDS as readonly string[]).includes(name));
  if (unknown.length)
    throw new UsageError(
      `--format has no field ${unknown.map((name) => `{${name}}`).join(', ')}; the fields are ${FORMAT_FIELDS.map((name) => `{${name}}`).join(' ')}`,
    );
}

/** One line per paper from a template: `{id}\t{title}`; fields as in --json, links as their URLs. */
export function formatLines(papers: PaperFacts[], template: string): string {
  const text = template.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  return papers
    .map((paper) =>
      text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        switch (name) {
          case 'id':
          case 'title':
            return sanitize(paper[name]);
          case 'number':
          case 'line':
            return String(paper[name]);
          case 'read':
            return paper.read ? 'x' : ' ';
          case 'venue':
            return sanitize(paper.venue ?? '');
          case 'year':
            return paper.year === null ? '' : String(paper.year);
          case 'area':
            return sanitize(formatPaperArea(paper));
          case 'links':
            return sanitize(paper.links.map((link) => link.url).join(' '));
          default:
            return whole;
        }
      }),
    )
    .join('\n');
}
