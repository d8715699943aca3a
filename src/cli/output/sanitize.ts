/**
 * Text from the list file may be someone else's: control characters, escape sequences and bidi
 * overrides in a title or URL could rewrite the terminal. They become visible placeholders before
 * reaching a terminal; --json keeps them verbatim (JSON escapes them).
 */
// C0 controls, DEL, C1 controls, and the bidi embedding/override/isolate characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const ANY_UNSAFE = new RegExp(UNSAFE.source);

export function sanitize(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (ch) => (ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : '\ufffd'));
}
