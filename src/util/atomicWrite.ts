/**
 * Crash-safe file replacement: readers see either the old file or the complete new one, never a
 * half-written file (house rule "nothing half-written", README.md (exit codes, bad input); pattern from
 * POSIX rename(2) atomicity, used for the chain sidecar in emcee 3.1.4 HDFBackend, arXiv:1202.3665 and
 *).
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let tempCounter = 0;

/**
 * Replaces `path` atomically with `data`: writes a temporary file in the same directory, fsyncs
 * it, renames it over `path` (atomic on POSIX file systems), then fsyncs the directory so the
 * rename itself survives a crash. On any failure the temporary file is removed and `path` keeps
 * its previous content.
 *
 * With `fsync: false` the two fsyncs are skipped: the replacement stays atomic for readers and
 * survives the writing process being killed (the data is in the OS page cache), but not an OS
 * crash or power loss.
 *
 * @param path - destination file (its directory must exist)
 * @param data - full new content; strings are written as UTF-8
 * @param opts - `fsync` (default true): flush file and directory to stable storage
 * @returns nothing; throws the underlying fs error on failure
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: { fsync?: boolean } = {}): void {
  const durable = opts.fsync ?? true;
  const dir = dirname(path);
  tempCounter += 1;
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}-${tempCounter}`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    if (durable) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing; keep the first error */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* the temporary file may not exist */
    }
    throw e;
  }
  if (durable) fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms/file systems refuse fsync on a directory (EISDIR, EPERM, EINVAL); the
    // rename is still atomic there, only its durability across power loss is weaker.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
