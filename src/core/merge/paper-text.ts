/**
 * One paper's lines, merged three ways by tokens (words, runs of spaces, single characters), so that
 * a checkbox ticked on one side and a link added on the other both land on the one line. Where both
 * sides added something at the same place (two notes after the paper's links) both are kept, ours
 * first. Anything else changed on both sides is a conflict (null). The caller reads the result back
 * and checks it says what both sides meant. Pure.
 */
import { diff3, resolveTrivially } from './diff3.js';

const TOKEN = /\r\n|\n|\r|[^\S\r\n]+|[\p{L}\p{N}]+|[\s\S]/gu;

function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function mergePaperText(base: string, ours: string, theirs: string): string | null {
  if (ours === base) return theirs;
  if (theirs === base || theirs === ours) return ours;
  let out = '';
  for (const chunk of diff3(tokens(base), tokens(ours), tokens(theirs))) {
    if (chunk.stable) {
      out += chunk.items.join('');
      continue;
    }
    const taken = resolveTrivially(chunk);
    if (taken) out += taken.join('');
    else if (chunk.base.length === 0) out += chunk.ours.join('') + chunk.theirs.join('');
    else return null;
  }
  return out;
}
