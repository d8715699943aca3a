/**
 * `--paper` / `--note` values: an absolute http(s) URL, or a path relative to the list (PDFs and notes
 * kept in the repository) when that path exists beside the list, or with --force.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidInputError } from '../core/model/errors.js';
import { cleanRelativeLink, cleanUrl, isRelativePath } from '../core/write/validate.js';

export function cleanLink(raw: string, listFile: string, force: boolean): string {
  if (!isRelativePath(raw)) return cleanUrl(raw);
  const path = raw.trim();
  const target = resolve(dirname(listFile), decodeURIComponentSafe(path.replace(/[#?].*$/, '')));
  if (!force && !existsSync(target)) {
    throw new InvalidInputError(
      `"${path}" is neither an http(s) URL nor a file beside the list (${target} does not exist); give a URL, fix the path, or add --force`,
    );
  }
  return cleanRelativeLink(path);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
