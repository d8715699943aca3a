/** Checks on what the user asks us to write: one clear message per problem, before anything is written. */
import { InvalidInputError } from '../model/errors.js';

// Control characters, and the invisible ones that reorder or break text (bidi marks, embeddings,
// overrides, isolates, line/paragraph separators): none belongs in a list we write.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function cleanTitle(raw: string): string {
  if (/[\r\n]/.test(raw)) throw new InvalidInputError('the title has a line break; give it on one line');
  if (CONTROL.test(raw))
    throw new InvalidInputError('the title has control characters or text-direction marks; remove them');
  const title = raw.replace(/\s+/g, ' ').trim();
  if (title === '') throw new InvalidInputError("the title is empty; give the paper's title");
  if (!/[\p{L}\p{N}]/u.test(title)) throw new InvalidInputError(`the title "${title}" has no letters or digits`);
  return title;
}

/** An area name or path as given: one line of visible text (its headings are written from it). */
export function cleanArea(raw: string): string {
  if (/[\r\n]/.test(raw)) throw new InvalidInputError('the area has a line break; give it on one line');
  if (CONTROL.test(raw))
    throw new InvalidInputError('the area has control characters or text-direction marks; remove them');
  return raw;
}

export function cleanVenue(raw: string): string {
  const venue = raw.replace(/\s+/g, ' ').trim();
  if (CONTROL.test(raw)) throw new InvalidInputError('the venue has control characters; remove them');
  if (venue === '' || /[[\]()]/.test(venue))
    throw new InvalidInputError(`"${raw}" is not a venue; write it like OSDI'22 or "USENIX ATC'22"`);
  return venue;
}

export function cleanLabel(raw: string): string {
  const label = raw.replace(/\s+/g, ' ').trim();
  if (label === '' || CONTROL.test(raw) || /[[\]]/.test(label))
    throw new InvalidInputError(`"${raw}" cannot be a link label; use words like Note or Slides`);
  return label;
}

/** Absolute http(s) URLs; a relative path only through cleanRelativeLink (the CLI checks that it exists). */
export function cleanUrl(raw: string): string {
  const url = raw.trim();
  if (CONTROL.test(url) || /\s/.test(url))
    throw new InvalidInputError(`"${url}" is not a URL: it has spaces or control characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError(
      `"${url}" is not a URL; give an absolute http(s) URL like https://arxiv.org/abs/2207.04606`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidInputError(`"${url}" is not an http(s) URL; papers only links to http:// or https://`);
  }
  // The URL parser forgives `http:/x` and `https:example.org`; a link needs the `//` and a host.
  if (!/^https?:\/\/[^/?#\s]/i.test(url) || parsed.hostname === '') {
    throw new InvalidInputError(`"${url}" has no host; give an absolute URL like https://arxiv.org/abs/2207.04606`);
  }
  // `<` and `>` cannot stand in a markdown link destination; encoded, they are the same address.
  return url.replace(/</g, '%3C').replace(/>/g, '%3E');
}

/** Does this look like a relative path (`papers/x.pdf`, `notes/x.md`) rather than a URL? */
export function isRelativePath(raw: string): boolean {
  const text = raw.trim();
  return (
    text !== '' &&
    !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) &&
    !text.startsWith('//') &&
    !CONTROL.test(text) &&
    !/[\r\n]/.test(text)
  );
}

/**
 * A relative link as written into the list: spaces and angle brackets percent-encoded (the same
 * path to a browser and to GitHub), so that it reads back as written.
 */
export function cleanRelativeLink(raw: string): string {
  const path = raw.trim();
  if (!isRelativePath(path)) throw new InvalidInputError(`"${path}" is not a relative path`);
  return path.replace(/[ <>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
