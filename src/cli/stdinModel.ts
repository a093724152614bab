/**
 * `-` as a model-file argument (`nuem validate -`, `nuem run -`, `nuem profile -`, `nuem spectrum -`): the model file is
 * read from standard input once, registered in memory under `<cwd>/<stdin>.yaml` (relative data and
 * experiment paths in it resolve against the current directory) and handed to the worker threads
 * with their task (src/util/inMemoryFiles.ts).
 * @module
 */
import { readSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from './userError.js';
import { SIZE_LIMITS } from '../experiments/inputLimits.js';
import { inMemoryFile, registerInMemoryFile } from '../util/inMemoryFiles.js';

/**
 * The path a model file read from standard input is known by.
 *
 * @returns `<cwd>/<stdin>.yaml` (absolute)
 */
export function stdinModelPath(): string {
  return resolve(process.cwd(), '<stdin>.yaml');
}

/**
 * Reads all of a file descriptor (retrying while a non-blocking pipe has no data yet).
 *
 * @param fd - file descriptor (0 for standard input)
 * @param maxBytes - cap; more is a UserError
 * @returns the text (UTF-8)
 */
export function readAllSync(fd: number, maxBytes: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw new UserError('-', `cannot read standard input (${code ?? String(e)})`, 'pipe or redirect a model file, e.g. nuem validate - < my.yaml');
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new UserError('-', `standard input holds more than the ${maxBytes} bytes nuem reads from one model file`, 'pipe a model file (they are small)');
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Resolves a model-file argument: `-` reads standard input (once per process) and returns the
 * in-memory path; anything else is returned unchanged.
 *
 * @param arg - the argument as typed
 * @returns the id or path to load
 * @throws UserError when standard input is a terminal or empty
 */
export function modelArgument(arg: string): string {
  if (arg !== '-') return arg;
  const path = stdinModelPath();
  if (inMemoryFile(path) !== undefined) return path;
  if (process.stdin.isTTY) throw new UserError('-', 'standard input is a terminal, not a model file', 'pipe or redirect a model file: nuem validate - < my.yaml');
  const text = readAllSync(0, SIZE_LIMITS.fileBytes);
  if (text.trim() === '') throw new UserError('-', 'standard input is empty', 'pipe or redirect a model file: cat my.yaml | nuem validate -');
  registerInMemoryFile(path, text);
  return path;
}
