/**
 * The globs of `.papers.json` (`lists`, `formats[].file`), matched against a path relative to the
 * config file's folder, with `/` separators: `*` and `?` stay within one path segment, `**` spans any
 * number of segments, `{a,b}` is either. Nothing else is special (node 20 has no path.matchesGlob).
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches no segment or several; a trailing `**` matches the rest.
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) out += '\\{';
      else {
        out += `(?:${glob
          .slice(i + 1, close)
          .split(',')
          .map(escape)
          .join('|')})`;
        i = close;
      }
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

export function matchesGlob(glob: string, relativePath: string): boolean {
  return globToRegExp(glob.replace(/^\.\//, '')).test(relativePath);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
