/**
 * Reads a text input file (model file, data table, chain sidecar) only if it is a regular file of
 * bounded size. A FIFO would block the read forever, a device such as /dev/zero would fill memory,
 * a directory gives an obscure error: all are refused with one line before any byte is read.
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../cli/userError.js';
import { SIZE_LIMITS } from '../experiments/inputLimits.js';
import { inMemoryFile } from './inMemoryFiles.js';

/**
 * Reads a regular file as UTF-8 text.
 *
 * The file is opened non-blocking (so opening a FIFO does not wait for a writer), checked with
 * fstat on the open descriptor (so the checked file is the one read), and read up to
 * `maxBytes` (+1 to detect a larger file).
 *
 * @param path - file to read
 * @param where - location for error messages (the file, or the model file and key that named it)
 * @param fix - how to fix a missing or unreadable file
 * @param maxBytes - size cap in bytes (default {@link SIZE_LIMITS}.fileBytes = 64 MiB)
 * @param noun - what the file is, for messages (default `file`, e.g. `data file`)
 * @returns the file content
 * @throws UserError when the file is missing, not a regular file, too large or unreadable
 */
export function readRegularFile(path: string, where: string, fix: string, maxBytes: number = SIZE_LIMITS.fileBytes, noun = 'file'): string {
  // a model file read from standard input (src/util/inMemoryFiles.ts)
  const mem = inMemoryFile(path);
  if (mem !== undefined) {
    if (Buffer.byteLength(mem) > maxBytes) throw new UserError(where, `the ${noun} is more than the ${maxBytes} bytes nuem reads from one file`, 'point to the right file (model files and data tables are small)');
    return mem;
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    const what = `cannot read ${noun} ${path} (${why})`;
    throw new UserError(where, what, fix);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UserError(where, `${path} is a directory, not a file`, fix);
    if (!st.isFile()) throw new UserError(where, `${path} is not a regular file (a FIFO, socket or device)`, 'point to a regular file');
    if (st.size > maxBytes) throw new UserError(where, `${path} is ${st.size} bytes, more than the ${maxBytes} bytes nuem reads from one file`, 'point to the right file (model files and data tables are small)');
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buf, n, buf.length - n, null);
      } catch (e) {
        throw new UserError(where, `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, fix);
      }
      if (got === 0) break;
      n += got;
      if (n > maxBytes) throw new UserError(where, `${path} grew beyond ${maxBytes} bytes while being read`, 'point to a file that is not being written');
      if (n === buf.length) break;
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
