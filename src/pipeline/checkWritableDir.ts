/**
 * Checks, before any work, that an output directory can be created and written, without
 * creating anything (so a refused run leaves no trace; README.md (exit codes, bad input) "nothing half-written").
 * @module
 */
import { accessSync, constants, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../cli/userError.js';

/**
 * Walks up from `dir` to the first existing path; it must be a directory the process may write.
 * @param dir - directory that will be created/written (e.g. `chains/default`)
 * @param flag - option that chose it, for the message (e.g. `--chains-dir`)
 * @returns the absolute path of `dir`
 * @throws UserError naming the path, what is wrong and the fix
 */
export function checkWritableDir(dir: string, flag: string): string {
  const abs = resolve(dir);
  let p = abs;
  for (;;) {
    let isDir: boolean | null = null;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') isDir = false;
      else if (code !== 'ENOENT') throw new UserError(`${flag} ${dir}`, `cannot inspect ${p} (${code ?? String(e)})`, `choose a writable directory with ${flag}`);
    }
    if (isDir === false) {
      throw new UserError(`${flag} ${dir}`, `${p} is a file, not a directory, so the output directory cannot be created`, `remove or rename ${p}, or choose another directory with ${flag}`);
    }
    if (isDir === true) break;
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  try {
    accessSync(p, constants.W_OK | constants.X_OK);
    // permission bits are not the whole story (root passes access() everywhere; /proc, /sys and
    // read-only mounts refuse creation): create and remove a probe directory where output will go
    rmdirSync(mkdtempSync(join(p, '.nuem-probe-')));
  } catch {
    throw new UserError(`${flag} ${dir}`, `directory ${p} is not writable`, `fix its permissions or choose another directory with ${flag}`);
  }
  return abs;
}
