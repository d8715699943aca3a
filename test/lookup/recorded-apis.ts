/**
 * A server on 127.0.0.1 that answers with the real, recorded API answers in test/fixtures/api/ (their
 * origins are in test/fixtures/api/README.md). Each API lives under its own path prefix, as in
 * fake-apis.ts; `env()` gives the base URLs. Requests are answered from the recordings:
 *
 * - arXiv `?id_list=<id>`: the recorded feed whose <entry> has that id, served with only that entry
 *   (the entry's bytes as recorded); an id no recording has gets the recorded empty feed.
 * - Crossref `/works/<doi>`: `crossref/<doi with / as _>.json`, else 404 as Crossref answers.
 * - Semantic Scholar `/paper/DOI:<doi>` and `/paper/arXiv:<id>`: the recorded paper with that id (a
 *   search/match answer's paper is served for its ids too), else 404; `/paper/search`: recorded papers
 *   whose titles have every query word.
 * - OpenAlex `/works/doi:<doi>`: `openalex/<doi>.json`, else 404.
 * - DBLP `/search/publ/api`: the recorded hits whose titles have every query word, in DBLP's envelope;
 *   `/rec/<key>.bib`: the recorded record with that key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { words } from './fake-apis.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'api');

const read = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(FIXTURES, dir, name), 'utf8') }));
const bareArxiv = (id: string) => id.replace(/v\d+$/, '');

interface Feed {
  head: string;
  tail: string;
  entries: { id: string; text: string }[];
}

function loadFeeds(): Feed[] {
  return read('arxiv').map(({ text }) => {
    const first = text.indexOf('<entry>');
    const last = text.lastIndexOf('</entry>');
    if (first < 0)
      return {
        head: text.slice(0, text.lastIndexOf('</feed>')),
        tail: text.slice(text.lastIndexOf('</feed>')),
        entries: [],
      };
    const entries = [...text.slice(first, last + '</entry>'.length).matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => ({
      id: /<id>https?:\/\/arxiv\.org\/abs\/([^<]+)<\/id>/.exec(m[0])?.[1] ?? '',
      text: m[0],
    }));
    return { head: text.slice(0, first), tail: text.slice(last + '</entry>'.length), entries };
  });
}

interface S2Record {
  externalIds?: Record<string, string | number> | null;
  title?: string | null;
}

function loadS2(): S2Record[] {
  return read('s2').flatMap(({ text }) => {
    const json = JSON.parse(text) as S2Record & { data?: S2Record[] };
    return json.data ?? [json];
  });
}

function loadDblpHits(): { info: { title?: string; key?: string } }[] {
  return read('dblp')
    .filter(({ name }) => name.endsWith('.json'))
    .flatMap(({ text }) => JSON.parse(text) as { info: { title?: string; key?: string } }[]);
}

function loadDblpBib(): Map<string, string> {
  const records = new Map<string, string>();
  for (const { name, text } of read('dblp')) {
    if (!name.endsWith('.bib')) continue;
    for (const m of text.matchAll(/@\w+\{DBLP:([^,\s]+),[\s\S]*?\n\}/g)) records.set(m[1]!, `${m[0]}\n`);
  }
  return records;
}

export class RecordedApis {
  readonly requests: string[] = [];
  private server: Server | null = null;
  private readonly feeds = loadFeeds();
  private readonly s2 = loadS2();
  private readonly dblpHits = loadDblpHits();
  private readonly dblpBib = loadDblpBib();
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Base URLs; a source named in `none` points at a prefix that knows no paper (404 / no hits). */
  env(none: ('arxiv' | 'crossref' | 'dblp' | 's2' | 'openalex')[] = []): Record<string, string> {
    const base = `http://127.0.0.1:${this.port}`;
    const at = (name: string, path: string) => `${base}/${none.includes(name as never) ? 'none' : name}${path}`;
    return {
      PAPERS_ARXIV_API: at('arxiv', '/api/query'),
      PAPERS_CROSSREF_API: at('crossref', ''),
      PAPERS_DBLP_API: at('dblp', ''),
      PAPERS_S2_API: at('s2', '/graph/v1'),
      PAPERS_OPENALEX_API: at('openalex', ''),
    };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    this.requests.push(path);
    const url = new URL(path, 'http://127.0.0.1');
    const p = decodeURIComponent(url.pathname);
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    const file = (dir: string, name: string) => {
      try {
        return readFileSync(join(FIXTURES, dir, name), 'utf8');
      } catch {
        return null;
      }
    };
    if (p.endsWith('/api/query')) {
      const ids = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean);
      const none = p.startsWith('/none');
      for (const feed of none ? [] : this.feeds) {
        const entry = feed.entries.find((e) => ids.some((id) => bareArxiv(e.id) === bareArxiv(id)));
        if (entry) return send(200, 'application/atom+xml', `${feed.head}${entry.text}\n${feed.tail}`);
      }
      if (ids.length === 1 && ids[0] === 'abc') return send(400, 'application/atom+xml', file('arxiv', 'id_abc.xml')!);
      return send(200, 'application/atom+xml', file('arxiv', 'id_0000.0000.xml')!);
    }
    if (p.startsWith('/crossref/works/')) {
      const body = file('crossref', `${p.slice('/crossref/works/'.length).toLowerCase().replace(/\//g, '_')}.json`);
      return body ? send(200, 'application/json', body) : send(404, 'text/plain', 'Resource not found.');
    }
    if (p.startsWith('/s2/graph/v1/paper/search')) {
      const wanted = words(url.searchParams.get('query') ?? '');
      const data = this.s2.filter((paper) => wanted.every((w) => words(paper.title ?? '').includes(w)));
      return send(200, 'application/json', JSON.stringify({ total: data.length, offset: 0, data }));
    }
    if (p.startsWith('/s2/graph/v1/paper/')) {
      const id = p.slice('/s2/graph/v1/paper/'.length);
      const [scheme, value] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1).toLowerCase()];
      const paper = this.s2.find((record) => {
        const ids = record.externalIds ?? {};
        return scheme === 'DOI'
          ? String(ids.DOI ?? '').toLowerCase() === value
          : scheme === 'arXiv'
            ? bareArxiv(String(ids.ArXiv ?? '')) === bareArxiv(value)
            : false;
      });
      return paper
        ? send(200, 'application/json', JSON.stringify(paper))
        : send(404, 'application/json', '{"error":"Paper not found"}');
    }
    if (p.startsWith('/openalex/works/doi:')) {
      const body = file(
        'openalex',
        `${p.slice('/openalex/works/doi:'.length).toLowerCase().replace(/\//g, '_').replace(/:/g, '_')}.json`,
      );
      return body ? send(200, 'application/json', body) : send(404, 'application/json', '{"error":"Not Found"}');
    }
    if (p === '/dblp/search/publ/api' || p === '/none/search/publ/api') {
      const wanted = words(url.searchParams.get('q') ?? '');
      const hits = p.startsWith('/none')
        ? []
        : this.dblpHits.filter(
            (hit) => wanted.length > 0 && wanted.every((w) => words(hit.info.title ?? '').includes(w)),
          );
      const n = String(hits.length);
      return send(
        200,
        'application/json',
        JSON.stringify({
          result: {
            query: url.searchParams.get('q'),
            status: { '@code': '200', text: 'OK' },
            hits: { '@total': n, '@computed': n, '@sent': n, '@first': '0', ...(hits.length ? { hit: hits } : {}) },
          },
        }),
      );
    }
    if (p.startsWith('/dblp/rec/') && p.endsWith('.bib')) {
      const bib = this.dblpBib.get(p.slice('/dblp/rec/'.length, -'.bib'.length));
      return bib ? send(200, 'application/x-bibtex', bib) : send(404, 'text/html', '<html>Error 404: not found</html>');
    }
    send(404, 'text/plain', 'no such path');
  }
}
