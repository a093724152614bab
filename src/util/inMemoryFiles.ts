/**
 * Model files that exist only in memory: a model file read from standard input (`nuem validate -`,
 * `nuem run -`) is registered once under a path, and the loaders read it from here as if it were on
 * disk (src/util/readRegularFile.ts, src/experiments/modelHash.ts). Worker threads do not share
 * this registry: the text is passed to them with the task (src/pipeline/ensembleTask.ts), so
 * standard input is read only once.
 * @module
 */
import { existsSync } from 'node:fs';

const files = new Map<string, string>();

/**
 * Registers (or replaces) an in-memory file.
 *
 * @param path - absolute path it stands for
 * @param text - its content
 * @returns nothing
 */
export function registerInMemoryFile(path: string, text: string): void {
  files.set(path, text);
}

/**
 * The content of an in-memory file.
 *
 * @param path - absolute path
 * @returns its text, or undefined when the path is not an in-memory file
 */
export function inMemoryFile(path: string): string | undefined {
  return files.get(path);
}

/**
 * Whether a path is an in-memory file or exists on disk.
 *
 * @param path - absolute path
 * @returns true when it can be read
 */
export function fileExists(path: string): boolean {
  return files.has(path) || existsSync(path);
}
