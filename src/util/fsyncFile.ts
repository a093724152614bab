/**
 * fsync for a file written by a library that has no fsync of its own (h5wasm,
 *).
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';

/**
 * Flushes a file's data to stable storage through a fresh descriptor (Linux fsync(2) flushes the
 * inode, whichever descriptor wrote the data). Used after libraries that expose no fsync
 * (h5wasm).
 *
 * @param path - existing file
 * @returns nothing; throws the underlying fs error if the file cannot be opened
 */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
