/**
 * Text from the list file may be someone else's: control characters, escape sequences and bidi
 * overrides in a title or URL could rewrite the terminal. They become visible placeholders before
 * reaching a terminal; --json keeps them verbatim (JSON escapes them).
 */
// C0 controls, DEL, C1 controls, the bidi marks (ALM, LRM, RLM), embeddings, overrides and isolates,
// and the line/paragraph separators some terminals and viewers treat as line breaks.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const ANY_UNSAFE = new RegExp(UNSAFE.source);

/**
 * JSON for a terminal or a pipe: the same value, with every character `sanitize` would replace written
 * as a `\uXXXX` escape (JSON.stringify leaves C1, bidi and separator characters raw).
 */
export function escapeJson(json: string): string {
  // C0 controls are escaped by JSON.stringify already; raw ones here are its own line breaks.
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sanitize(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (ch) => (ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : '\ufffd'));
}

/** A message that may hold one line per paper: each line made safe, the line breaks kept. */
export function sanitizeLines(message: string): string {
  return message.split('\n').map(sanitize).join('\n');
}

/** A change's message after `undid: `: a line per paper, each made safe, the later ones lined up under the first. */
export function undoneLines(message: string): string {
  return sanitizeLines(message).split('\n').join('\n      ');
}
