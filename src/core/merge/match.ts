/**
 * Which paper of one version of a list is which paper of another: the same text first (in order), then
 * the same identity (identity.ts: arXiv id, DOI, paper URL, title), so that a paper marked read, given
 * a note or moved is still itself. Pure.
 */
import { arxivBase, identityOf, normalizeTitle, normalizeUrl } from '../query/identity.js';

export interface Matchable {
  title: string;
  links: readonly { url: string }[];
  /** The paper's block of lines, as written. */
  text: string;
}

/** The keys a paper is known by, strongest first. */
function identityKeys(paper: { title: string; links: readonly { url: string }[] }): string[] {
  const identity = identityOf({ title: paper.title, links: [...paper.links] });
  const keys: string[] = [];
  if (identity.arxiv) keys.push(`arxiv:${arxivBase(identity.arxiv)}`);
  if (identity.doi) keys.push(`doi:${identity.doi}`);
  for (const url of identity.urls) keys.push(`url:${normalizeUrl(url)}`);
  const title = normalizeTitle(paper.title);
  if (title !== '') keys.push(`title:${title}`);
  return keys;
}

/**
 * For each paper of `other`, the index of the paper of `base` it is, or -1 (a paper `base` does not
 * have). Each base paper is matched at most once.
 */
export function matchPapers(base: readonly Matchable[], other: readonly Matchable[]): Int32Array {
  const result = new Int32Array(other.length).fill(-1);
  const taken = new Uint8Array(base.length);
  const byText = new Map<string, number[]>();
  base.forEach((paper, index) => {
    const list = byText.get(paper.text);
    if (list) list.push(index);
    else byText.set(paper.text, [index]);
  });
  other.forEach((paper, index) => {
    const same = byText.get(paper.text);
    const found = same?.find((candidate) => !taken[candidate]);
    if (found !== undefined) {
      result[index] = found;
      taken[found] = 1;
    }
  });
  const byKey = new Map<string, number[]>();
  base.forEach((paper, index) => {
    if (taken[index]) return;
    for (const key of identityKeys(paper)) {
      const list = byKey.get(key);
      if (list) list.push(index);
      else byKey.set(key, [index]);
    }
  });
  other.forEach((paper, index) => {
    if (result[index] !== -1) return;
    for (const key of identityKeys(paper)) {
      const found = byKey.get(key)?.find((candidate) => !taken[candidate]);
      if (found !== undefined) {
        result[index] = found;
        taken[found] = 1;
        return;
      }
    }
  });
  return result;
}
