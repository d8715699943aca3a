/**
 * A real HTTP server on 127.0.0.1 that answers like the metadata APIs, in the formats their documentation
 * gives: arXiv's Atom feed, Crossref's works JSON, DBLP's search JSON and record BibTeX, Semantic Scholar's
 * and OpenAlex's JSON. Each API lives under its own path prefix; tests point PAPERS_*_API there.
 * Scripted answers (429 with Retry-After, 503, a body that is not JSON, no answer at all) can be queued
 * per path prefix. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FixturePaper {
  title: string;
  authors: string[];
  /** The year on arXiv / of publication. */
  year: number;
  arxiv?: string;
  doi?: string;
  /** DBLP's record of the published version. */
  dblp?: {
    key: string;
    venue: string;
    year: number;
    type: 'Conference and Workshop Papers' | 'Journal Articles';
    ee: string;
    booktitle: string;
  };
  /** DBLP's record of the arXiv version (venue CoRR). */
  corrKey?: string;
  crossref?: { type: string; container: string; acronym?: string };
}

const PAPERS: FixturePaper[] = [
  {
    title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    authors: ['Tri Dao', 'Daniel Y. Fu', 'Stefano Ermon', 'Atri Rudra', 'Christopher Ré'],
    year: 2022,
    arxiv: '2205.14135',
    dblp: {
      key: 'conf/nips/DaoFERR22',
      venue: 'NeurIPS',
      year: 2022,
      type: 'Conference and Workshop Papers',
      ee: 'http://papers.nips.cc/paper_files/paper/2022/hash/67d57c32e20fd0a7a302cb81d36e40d5-Abstract-Conference.html',
      booktitle:
        'Advances in Neural Information Processing Systems 35: Annual Conference on Neural Information Processing Systems 2022, NeurIPS 2022',
    },
    corrKey: 'journals/corr/abs-2205-14135',
  },
  {
    title: 'Attention is All you Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
    year: 2017,
    arxiv: '1706.03762',
    dblp: {
      key: 'conf/nips/VaswaniSPUJGKP17',
      venue: 'NIPS',
      year: 2017,
      type: 'Conference and Workshop Papers',
      ee: 'https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
      booktitle:
        'Advances in Neural Information Processing Systems 30: Annual Conference on Neural Information Processing Systems 2017',
    },
  },
  {
    title: 'Fixture Preprint: Unpublished Work on Tensor Programs',
    authors: ['Ada Lovelace', 'Alan Turing'],
    year: 2022,
    arxiv: '2206.15472',
    corrKey: 'journals/corr/abs-2206-15472',
  },
  {
    title: 'An Old-Style Identifier Paper on Logic Programming',
    authors: ['Kurt Gödel'],
    year: 2001,
    arxiv: 'cs/0112017',
  },
  {
    title: 'Efficient Memory Management for Large Language Model Serving with PagedAttention',
    authors: ['Woosuk Kwon', 'Zhuohan Li', 'Siyuan Zhuang'],
    year: 2023,
    arxiv: '2309.06180',
    doi: '10.1145/3600006.3613165',
    crossref: {
      type: 'proceedings-article',
      container: 'Proceedings of the 29th Symposium on Operating Systems Principles',
      acronym: "SOSP '23",
    },
    dblp: {
      key: 'conf/sosp/KwonLZ0ZY0ZS23',
      venue: 'SOSP',
      year: 2023,
      type: 'Conference and Workshop Papers',
      ee: 'https://doi.org/10.1145/3600006.3613165',
      booktitle: 'Proceedings of the 29th Symposium on Operating Systems Principles, {SOSP} 2023',
    },
  },
  {
    title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
    year: 2019,
    doi: '10.18653/v1/n19-1423',
    crossref: { type: 'proceedings-article', container: 'Proceedings of the 2019 Conference of the North' },
    dblp: {
      key: 'conf/naacl/DevlinCLT19',
      venue: 'NAACL-HLT (1)',
      year: 2019,
      type: 'Conference and Workshop Papers',
      ee: 'https://doi.org/10.18653/v1/n19-1423',
      booktitle:
        'Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics, {NAACL-HLT} 2019',
    },
  },
  {
    title: 'A Fixture Published Where DBLP Does Not Look',
    authors: ['Grace Hopper'],
    year: 2023,
    arxiv: '2301.00002',
    doi: '10.1145/1111111.2222222',
    crossref: {
      type: 'proceedings-article',
      container: 'Proceedings of the Eighteenth European Conference on Computer Systems',
      acronym: "EuroSys '23",
    },
  },
  {
    title: 'Orca: A Distributed Serving System for Transformer-Based Generative Models',
    authors: ['Gyeong-In Yu', 'Joo Seong Jeong', 'Geon-Woo Kim', 'Soojeong Kim', 'Byung-Gon Chun'],
    year: 2022,
    dblp: {
      key: 'conf/osdi/YuJKKC22',
      venue: 'OSDI',
      year: 2022,
      type: 'Conference and Workshop Papers',
      ee: 'https://www.usenix.org/conference/osdi22/presentation/yu',
      booktitle:
        '16th {USENIX} Symposium on Operating Systems Design and Implementation, {OSDI} 2022, Carlsbad, CA, USA, July 11-13, 2022',
    },
  },
];

/** Paper pages with the meta tags Google Scholar reads (as USENIX and OpenReview pages carry them). */
const PAGES: Record<string, string> = {
  'osdi22/presentation/yu': `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8" />
<meta name="citation_title" content="Orca: A Distributed Serving System for Transformer-Based Generative Models" />
<meta name="citation_author" content="Gyeong-In Yu" />
<meta name="citation_author" content="Joo Seong Jeong" />
<meta name="citation_publication_date" content="2022" />
<meta name="citation_conference_title" content="16th USENIX Symposium on Operating Systems Design and Implementation (OSDI 22)" />
<meta name="citation_pdf_url" content="https://www.usenix.org/system/files/osdi22-yu.pdf" />
<title>Orca: A Distributed Serving System for Transformer-Based Generative Models | USENIX</title>
</head><body><h1>Orca</h1></body></html>`,
  'forum?id=paged': `<html><head><meta property="og:title" content="PagedAttention"><meta name='citation_doi' content='10.1145/3600006.3613165'><meta name="citation_title" content="Efficient Memory Management for Large Language Model Serving with PagedAttention"></head></html>`,
  'blog/post':
    '<html><head><title>My blog</title><meta name="description" content="a post"></head><body>hello</body></html>',
};

type Scripted = { status: number; body: string; headers?: Record<string, string> } | 'hang';

export interface Recorded {
  path: string;
  at: number;
  userAgent: string;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A title or query as words: lower case, accents off, split at anything not a letter or digit. */
export const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function atomFeed(papers: FixturePaper[]): string {
  const entries = papers.map(
    (p) => `  <entry>
    <id>http://arxiv.org/abs/${p.arxiv}v2</id>
    <updated>${p.year}-07-01T17:59:00Z</updated>
    <published>${p.year}-06-30T17:59:00Z</published>
    <title>${xml(p.title.replace(/: /, ':\n  '))}</title>
    <summary>  An abstract that spans
several lines.</summary>
${p.authors.map((a) => `    <author>\n      <name>${xml(a)}</name>\n    </author>`).join('\n')}
${p.doi ? `    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">${p.doi}</arxiv:doi>\n    <link title="doi" href="http://dx.doi.org/${p.doi}" rel="related"/>\n` : ''}    <link href="http://arxiv.org/abs/${p.arxiv}v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${p.arxiv}v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3D%26start%3D0%26max_results%3D1" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=&amp;start=0&amp;max_results=1</title>
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <updated>2024-01-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${papers.length}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
${entries.join('\n')}
</feed>
`;
}

function crossrefWork(p: FixturePaper): string {
  const [given, ...rest] = p.authors[0]!.split(' ');
  return JSON.stringify({
    status: 'ok',
    'message-type': 'work',
    'message-version': '1.0.0',
    message: {
      indexed: { 'date-parts': [[2024, 1, 1]] },
      publisher: 'ACM',
      DOI: p.doi!.toUpperCase().startsWith('10.18653') ? p.doi!.toUpperCase() : p.doi,
      type: p.crossref!.type,
      title: [p.title],
      author: p.authors.map((name, i) =>
        i === 0
          ? { given, family: rest.join(' '), sequence: 'first', affiliation: [] }
          : {
              given: name.split(' ')[0],
              family: name.split(' ').slice(1).join(' '),
              sequence: 'additional',
              affiliation: [],
            },
      ),
      'container-title': [p.crossref!.container],
      ...(p.crossref!.acronym ? { event: { name: p.crossref!.container, acronym: p.crossref!.acronym } } : {}),
      issued: { 'date-parts': [[p.year, 10, 23]] },
      URL: `https://doi.org/${p.doi}`,
    },
  });
}

function dblpInfo(p: FixturePaper, corr: boolean) {
  const d = p.dblp!;
  return {
    '@score': '10',
    '@id': '1',
    info: {
      authors: {
        author:
          p.authors.length === 1
            ? { '@pid': '1/1', text: p.authors[0] }
            : p.authors.map((a, i) => ({ '@pid': `${i}/1`, text: a })),
      },
      title: `${p.title}.`,
      venue: corr ? 'CoRR' : d.venue,
      ...(corr ? { volume: 'abs/x' } : { pages: '1-15' }),
      year: String(corr ? p.year : d.year),
      type: corr ? 'Informal and Other Publications' : d.type,
      access: 'open',
      key: corr ? p.corrKey : d.key,
      ...(corr ? {} : p.doi ? { doi: p.doi.toUpperCase() } : {}),
      ee: corr ? `https://arxiv.org/abs/${p.arxiv}` : d.ee,
      url: `https://dblp.org/rec/${corr ? p.corrKey : d.key}`,
    },
  };
}

function dblpSearch(query: string): string {
  const wanted = words(query);
  const hits: unknown[] = [];
  for (const p of PAPERS) {
    const have = new Set(words(p.title));
    if (!wanted.every((w) => have.has(w))) continue;
    if (p.corrKey)
      hits.push(
        dblpInfo(
          {
            ...p,
            dblp: p.dblp ?? {
              key: p.corrKey,
              venue: 'CoRR',
              year: p.year,
              type: 'Journal Articles',
              ee: '',
              booktitle: '',
            },
          },
          true,
        ),
      );
    if (p.dblp) hits.push(dblpInfo(p, false));
  }
  const body = {
    result: {
      query: `${query}*`,
      status: { '@code': '200', text: 'OK' },
      time: { '@unit': 'msecs', text: '1.00' },
      completions: { '@total': '0', '@computed': '0', '@sent': '0' },
      hits: {
        '@total': String(hits.length),
        '@computed': String(hits.length),
        '@sent': String(hits.length),
        '@first': '0',
        ...(hits.length ? { hit: hits.length === 1 ? hits[0] : hits } : {}),
      },
    },
  };
  return JSON.stringify(body);
}

function dblpBib(key: string): string | null {
  const p = PAPERS.find((paper) => paper.dblp?.key === key);
  if (!p) return null;
  const d = p.dblp!;
  return `@inproceedings{DBLP:${key},
  author       = {${p.authors.join(' and\n                  ')}},
  title        = {${p.title}},
  booktitle    = {${d.booktitle}},
  pages        = {1--15},
  publisher    = {{USENIX} Association},
  year         = {${d.year}},
  url          = {${d.ee}},
${p.doi ? `  doi          = {${p.doi}},\n` : ''}  timestamp    = {Tue, 02 Aug 2022 14:00:00 +0200},
  biburl       = {https://dblp.org/rec/${key}.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}
`;
}

function s2Paper(p: FixturePaper): object {
  return {
    paperId: '204e3073870fae3d05bcbc2f6a8e263d9b72e776',
    externalIds: { ...(p.arxiv ? { ArXiv: p.arxiv } : {}), ...(p.doi ? { DOI: p.doi } : {}), CorpusId: 13756489 },
    url: 'https://www.semanticscholar.org/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e776',
    title: p.title,
    venue: p.dblp ? (p.dblp.venue === 'NIPS' ? 'Neural Information Processing Systems' : p.dblp.venue) : 'arXiv.org',
    year: p.year,
    publicationTypes: p.dblp ? ['JournalArticle', 'Conference'] : ['JournalArticle'],
    authors: p.authors.map((name, i) => ({ authorId: String(i + 1), name })),
  };
}

function openAlexWork(p: FixturePaper): object {
  return {
    id: 'https://openalex.org/W2963403868',
    doi: p.doi ? `https://doi.org/${p.doi}` : `https://doi.org/10.48550/arxiv.${p.arxiv}`,
    title: p.title,
    display_name: p.title,
    publication_year: p.year,
    type: p.doi ? 'article' : 'preprint',
    primary_location: {
      source: {
        display_name: p.doi ? (p.crossref?.container ?? null) : 'arXiv (Cornell University)',
        type: p.doi ? 'conference' : 'repository',
      },
    },
    authorships: p.authors.map((name) => ({
      author_position: 'middle',
      author: { id: 'https://openalex.org/A1', display_name: name },
    })),
  };
}

export class FakeApis {
  readonly requests: Recorded[] = [];
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  port = 0;

  /** Listens on `port` (0: any free one). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The five base URLs, each under its own prefix on this server. */
  env(): Record<string, string> {
    const base = `http://127.0.0.1:${this.port}`;
    return {
      PAPERS_ARXIV_API: `${base}/arxiv/api/query`,
      PAPERS_CROSSREF_API: `${base}/crossref`,
      PAPERS_DBLP_API: `${base}/dblp`,
      PAPERS_S2_API: `${base}/s2/graph/v1`,
      PAPERS_OPENALEX_API: `${base}/openalex`,
    };
  }

  /** Queue answers for requests whose path starts with `prefix`; used up in order, then the normal answers. */
  script(prefix: string, ...answers: Scripted[]): void {
    this.scripts.set(prefix, [...(this.scripts.get(prefix) ?? []), ...answers]);
  }

  requestsTo(prefix: string): Recorded[] {
    return this.requests.filter((r) => r.path.startsWith(prefix));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    this.requests.push({ path, at: Date.now(), userAgent: req.headers['user-agent'] ?? '' });
    for (const [prefix, queue] of this.scripts) {
      if (path.startsWith(prefix) && queue.length) {
        const answer = queue.shift()!;
        if (answer === 'hang') return; // never answers
        res.writeHead(answer.status, { 'Content-Type': 'text/plain', ...answer.headers });
        res.end(answer.body);
        return;
      }
    }
    const url = new URL(path, 'http://127.0.0.1');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    const p = url.pathname;
    if (p === '/arxiv/api/query') {
      const ids = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean);
      const found = PAPERS.filter((paper) => paper.arxiv && ids.some((id) => id.replace(/v\d+$/, '') === paper.arxiv));
      return send(200, 'application/atom+xml; charset=utf-8', atomFeed(found));
    }
    if (p.startsWith('/crossref/works/')) {
      const doi = decodeURIComponent(p.slice('/crossref/works/'.length)).toLowerCase();
      const paper = PAPERS.find((item) => item.doi === doi && item.crossref);
      return paper
        ? send(200, 'application/json', crossrefWork(paper))
        : send(404, 'text/plain', 'Resource not found.');
    }
    if (p === '/dblp/search/publ/api')
      return send(200, 'application/json', dblpSearch(url.searchParams.get('q') ?? ''));
    if (p.startsWith('/dblp/rec/') && p.endsWith('.bib')) {
      const bib = dblpBib(p.slice('/dblp/rec/'.length, -'.bib'.length));
      return bib ? send(200, 'application/x-bibtex', bib) : send(404, 'text/html', '<html>Error 404: not found</html>');
    }
    if (p === '/s2/graph/v1/paper/search') {
      const wanted = words(url.searchParams.get('query') ?? '');
      const data = PAPERS.filter((paper) => wanted.every((w) => words(paper.title).includes(w))).map(s2Paper);
      return send(200, 'application/json', JSON.stringify({ total: data.length, offset: 0, data }));
    }
    if (p.startsWith('/s2/graph/v1/paper/')) {
      const id = decodeURIComponent(p.slice('/s2/graph/v1/paper/'.length));
      const paper = PAPERS.find(
        (item) => (item.arxiv && id === `arXiv:${item.arxiv}`) || (item.doi && id.toLowerCase() === `doi:${item.doi}`),
      );
      return paper
        ? send(200, 'application/json', JSON.stringify(s2Paper(paper)))
        : send(404, 'application/json', JSON.stringify({ error: 'Paper not found' }));
    }
    if (p === '/openalex/works') {
      const wanted = words(url.searchParams.get('search') ?? '');
      const results = PAPERS.filter((paper) => wanted.every((w) => words(paper.title).includes(w))).map(openAlexWork);
      return send(200, 'application/json', JSON.stringify({ meta: { count: results.length }, results }));
    }
    if (p.startsWith('/openalex/works/doi:')) {
      const doi = decodeURIComponent(p.slice('/openalex/works/doi:'.length)).toLowerCase();
      const paper = PAPERS.find((item) => item.doi === doi || (item.arxiv && doi === `10.48550/arxiv.${item.arxiv}`));
      return paper
        ? send(200, 'application/json', JSON.stringify(openAlexWork(paper)))
        : send(404, 'application/json', JSON.stringify({ error: 'not found' }));
    }
    if (p.startsWith('/pages/')) {
      const page = PAGES[path.slice('/pages/'.length)];
      return page
        ? send(200, 'text/html; charset=utf-8', page)
        : send(404, 'text/html', '<html><body>Not found</body></html>');
    }
    send(404, 'text/plain', 'no such path');
  }
}

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
