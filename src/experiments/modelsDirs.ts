/**
 * Where nuem looks for model files given by id: the user's models directories first, then the
 * models shipped with nuem. A user's directory has the layout of `models/`:
 * `<dir>/experiments/<id>.yaml` and `<dir>/analyses/<id>.yaml` (data files anywhere inside it).
 *
 * User directories come from `--models-dir <dir>` (list, validate, run, profile) or the
 * environment variable `NUEM_MODELS_DIR` (several directories separated by the platform's path
 * delimiter, `:` on Linux and macOS). `--models-dir` is stored in that variable, so worker
 * threads started afterwards see it too. An analysis also finds experiments in its own model
 * tree (`<tree>/experiments/`) first.
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { UserError } from '../cli/userError.js';
import { PACKAGE_ROOT } from '../provenance.js';

/** Environment variable with the user's models directories. */
export const MODELS_DIR_ENV = 'NUEM_MODELS_DIR';

/** The models directory shipped with nuem. */
export const PACKAGE_MODELS_DIR = join(PACKAGE_ROOT, 'models');

/**
 * The user's models directories, in search order (from `NUEM_MODELS_DIR`).
 * @returns absolute paths (may be empty)
 */
export function userModelsDirs(): string[] {
  const v = process.env[MODELS_DIR_ENV];
  if (!v) return [];
  return v
    .split(delimiter)
    .filter((s) => s.trim() !== '')
    .map((s) => resolve(s));
}

/**
 * Puts a directory first in the search path (what `--models-dir` does).
 * @param dir - a directory with `experiments/` and/or `analyses/`
 * @param flag - the option name for error messages
 * @throws UserError if it is not a directory or has neither subdirectory
 */
export function addUserModelsDir(dir: string, flag = '--models-dir'): void {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UserError(flag, `${dir} is not a directory`, 'give a directory holding experiments/ and analyses/ (the layout of models/)');
  if (!existsSync(join(abs, 'experiments')) && !existsSync(join(abs, 'analyses'))) {
    throw new UserError(flag, `${dir} has neither an experiments/ nor an analyses/ directory`, 'use the layout of models/: <dir>/experiments/<id>.yaml, <dir>/analyses/<id>.yaml');
  }
  const rest = userModelsDirs().filter((d) => d !== abs);
  process.env[MODELS_DIR_ENV] = [abs, ...rest].join(delimiter);
}

/**
 * Every models directory in search order: the user's, then nuem's own.
 * @returns absolute paths
 */
export function modelSearchRoots(): string[] {
  return [...userModelsDirs(), PACKAGE_MODELS_DIR];
}

/**
 * Finds a model file by id in `<root>/<sub>/<id>.{yaml,yml,json}` over the given roots.
 * @param sub - `experiments` or `analyses`
 * @param id - file stem
 * @param roots - directories to search, in order (default {@link modelSearchRoots})
 * @returns the first match, or undefined
 */
export function findModelFile(sub: 'experiments' | 'analyses', id: string, roots: readonly string[] = modelSearchRoots()): string | undefined {
  for (const root of roots) {
    for (const ext of ['yaml', 'yml', 'json']) {
      const p = join(root, sub, `${id}.${ext}`);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}
