/**
 * Where a relative data path in a model file may point: inside the model tree. The tree is the
 * nearest ancestor directory of the model file called `models` (so `models/experiments/x.yaml`
 * may read `../data/…`), or, for a file outside any `models/` directory, the file's own
 * directory. Absolute paths are taken as written (the user chose them). This keeps a model file
 * from reaching arbitrary files through `../` (README.md (exit codes, bad input), issue 7 security). The check is
 * made twice: on the path as written, and on the real path with every symbolic link resolved
 * (realpath(3)), so a data file or directory that is a symlink to `/etc/passwd` or `/` is refused
 * like `../../etc/passwd`.
 * @module
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { UserError } from '../cli/userError.js';

/** True if `child` (absolute) is `parent` or lies below it. */
function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith('../') && !rel.startsWith('..\\'));
}

/** realpath of `p`, or null when it does not exist (yet). */
function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

/**
 * Refuses a path whose real location (symbolic links resolved) leaves `root`'s real location.
 *
 * @param root - the confining directory
 * @param abs - the resolved path (lexically inside `root`)
 * @param path - the path as written (for the message)
 * @param where - file and field for the error message
 * @param what - `model directory` or `data directory`
 * @throws UserError when a symbolic link leads outside
 */
function checkRealInside(root: string, abs: string, path: string, where: string, what: string): void {
  const real = realOrNull(abs);
  if (real === null) return; // a missing file is reported by its reader
  const realRoot = realOrNull(root) ?? root;
  if (!isInside(realRoot, real)) {
    throw new UserError(where, `"${path}" is a symbolic link (or lies below one) that leads to ${real}, outside the ${what} ${root}`, `copy the file into the ${what} instead of linking to it, or give an absolute path`);
  }
}

/**
 * @param modelFileDir - directory of the model file
 * @returns the root directory relative data paths must stay inside
 */
export function modelTreeRoot(modelFileDir: string): string {
  let d = resolve(modelFileDir);
  for (;;) {
    if (basename(d) === 'models') return d;
    const up = dirname(d);
    if (up === d) return resolve(modelFileDir);
    d = up;
  }
}

/**
 * Resolves a data path of a model file and refuses relative paths that leave the model tree.
 * @param base - directory the path is relative to (the model file's directory, or its dataDir)
 * @param path - the path as written in the file
 * @param modelFileDir - directory of the model file (defines the tree, see {@link modelTreeRoot})
 * @param where - file and field for the error message
 * @returns the absolute path
 * @throws UserError when a relative path resolves outside the model tree
 */
export function resolveInsideModelTree(base: string, path: string, modelFileDir: string, where: string): string {
  if (isAbsolute(path)) return path;
  const abs = resolve(base, path);
  const root = modelTreeRoot(modelFileDir);
  if (!isInside(root, abs)) {
    throw new UserError(where, `relative path "${path}" leads outside the model directory ${root}`, 'keep data files inside the models directory, or give an absolute path');
  }
  checkRealInside(root, abs, path, where, 'model directory');
  return abs;
}

/**
 * Resolves a file name given relative to a data directory and refuses names that leave it
 * (`../x`) or are absolute.
 * @param dir - the data directory (absolute)
 * @param name - file name as written in the model file
 * @param where - file and field for the error message
 * @returns the absolute path
 * @throws UserError when the name points outside `dir`
 */
export function resolveInsideDir(dir: string, name: string, where: string): string {
  const abs = resolve(dir, name);
  if (isAbsolute(name) || !isInside(dir, abs)) {
    throw new UserError(where, `file name "${name}" points outside the data directory ${dir}`, 'give a file name inside dataDir (no "../" and no absolute path)');
  }
  checkRealInside(dir, abs, name, where, 'data directory');
  return abs;
}
