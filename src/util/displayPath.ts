/**
 * How model files and places inside them are named in error messages: a path relative to the
 * working directory when the file lies below it (else absolute), and a zod issue path written
 * like a YAML key path (`likelihood.nuisances[2].prior`).
 * @module
 */
import { isAbsolute, relative } from 'node:path';

/**
 * The path shown to the user for a file.
 *
 * @param abs - absolute path
 * @returns the path relative to `process.cwd()` when the file is below it, else `abs`
 * @example displayPath(process.cwd() + '/models/a.yaml') // 'models/a.yaml'
 */
export function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * A zod issue path as a key path: object keys joined by dots, array indices in brackets.
 *
 * @param path - the issue's path
 * @returns e.g. `detector.bins[3]`, or `(top level)` for an empty path
 * @example issuePath(['a', 0, 'b']) // 'a[0].b'
 */
export function issuePath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s || '(top level)';
}
