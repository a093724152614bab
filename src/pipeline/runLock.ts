/**
 * Runs own their outputs: an exclusive lock file per run (chains and report of one run id, or one
 * `nuem sample --out` chain), held while the run writes, so two processes never write the same
 * chains; a lock left by a process that no longer exists (killed, machine rebooted) is detected
 * from the pid and host recorded in it and taken over. The lock is created with O_CREAT|O_EXCL
 * (atomic on local POSIX file systems; open(2)), so of two runs started at the same moment exactly
 * one gets it.
 *
 * Also here: the directories a run creates are recorded so that a run that fails leaves no empty
 * directories behind (its chain files stay: they can be resumed).
 * @module
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../cli/userError.js';
import { readRegularFile } from '../util/readRegularFile.js';

/** What a lock file records (JSON). */
export interface LockInfo {
  /** process id of the holder */
  pid: number;
  /** host name of the holder (a pid means nothing on another machine) */
  host: string;
  /** ISO time the lock was taken */
  since: string;
  /** what the lock protects (e.g. `run default/seed1`) */
  what: string;
}

/** A held lock; {@link RunLock.release} removes it (idempotent). */
export interface RunLock {
  /** lock file path */
  readonly path: string;
  /** true when a stale lock (its holder gone) was taken over: a run with this id was started and killed */
  readonly tookOverStale: boolean;
  /** removes the lock file if this process still holds it */
  release(): void;
}

/** Locks held by this process, released on exit (normal exit, SIGINT, SIGTERM). */
const held = new Set<RunLock>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const l of [...held]) l.release();
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    // only when nobody else handles the signal: release the locks, then die of the signal as before
    if (process.listenerCount(sig) === 0) {
      process.once(sig, () => {
        for (const l of [...held]) l.release();
        process.kill(process.pid, sig);
      });
    }
  }
}

/**
 * Whether the process that wrote a lock still exists. Only decidable on the same host; a lock
 * from another host counts as alive (it may be a run on a cluster node sharing the file system).
 *
 * @param info - the lock's content
 * @returns true if the holder may still be running
 */
export function lockHolderAlive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true;
  if (!(Number.isInteger(info.pid) && info.pid > 0)) return false;
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const v = JSON.parse(readRegularFile(path, path, 'remove the lock file', 4096)) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') return { pid: v.pid, host: v.host, since: String(v.since ?? '?'), what: String(v.what ?? '?') };
    return null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock file `path` (its directory must exist), or refuses.
 *
 * @param path - lock file
 * @param what - what it protects, for messages (e.g. `run default/seed1`)
 * @param where - the option or path the user chose, for messages (e.g. `--run seed1`)
 * @returns the held lock
 * @throws UserError when another live process holds it
 */
export function acquireLock(path: string, what: string, where: string): RunLock {
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), what };
  let tookOverStale = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const other = readLock(path);
      if (other && lockHolderAlive(other)) {
        throw new UserError(
          where,
          `${what} is in use by process ${other.pid} on ${other.host} (since ${other.since}; lock ${path})`,
          `wait for that run to finish, or choose another run id / output; if that process no longer exists, remove ${path}`,
        );
      }
      if (!other) {
        // a lock being written right now (or an empty file left by a crash between open and write)
        const age = Date.now() - statSafeMtime(path);
        if (age < 2000) throw new UserError(where, `${what} is being started by another process (lock ${path})`, 'wait for that run, or choose another run id / output');
      }
      try {
        unlinkSync(path); // stale: its holder is gone
        tookOverStale = true;
      } catch {
        /* taken over by someone else in between; retry */
      }
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(info)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    const lock: RunLock = {
      path,
      tookOverStale,
      release(): void {
        if (released) return;
        released = true;
        held.delete(lock);
        const now = readLock(path);
        if (now && now.pid === info.pid && now.host === info.host && now.since === info.since) {
          try {
            unlinkSync(path);
          } catch {
            /* already gone */
          }
        }
      },
    };
    held.add(lock);
    hookExit();
    return lock;
  }
  throw new UserError(where, `cannot take the lock ${path} for ${what}`, 'retry; if it persists, remove the lock file');
}

function statSafeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Creates `dir` and its missing parents, and remembers which ones it created.
 *
 * @param dir - directory to create
 * @param created - list the newly created directories are appended to (outermost first)
 */
export function mkdirTracked(dir: string, created: string[]): void {
  const missing = missingDirs(dir);
  mkdirSync(resolve(dir), { recursive: true });
  created.push(...missing);
}

/**
 * The directories that creating `dir` would create (outermost first); none if it exists.
 *
 * @param dir - a directory
 * @returns its missing ancestors and itself, absolute
 */
export function missingDirs(dir: string): string[] {
  const missing: string[] = [];
  let p = resolve(dir);
  while (!existsSync(p)) {
    missing.unshift(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return missing;
}

/**
 * Removes the directories of `created` that are empty, innermost first (after a failed run).
 *
 * @param created - directories created by {@link mkdirTracked}
 */
export function removeEmptyCreated(created: readonly string[]): void {
  for (const d of [...created].reverse()) {
    try {
      if (readdirSync(d).length === 0) rmdirSync(d);
    } catch {
      /* not empty or already gone */
    }
  }
}

/**
 * Files of an existing run: chains `<runId>.e<k>.h5` and their sidecars in `chainDir`, and the
 * report `<reportDir>/index.html`.
 *
 * @param chainDir - the analysis's chains directory
 * @param reportDir - the run's report directory
 * @param runId - run id
 * @returns the existing files (absolute paths), empty when the run id is new
 */
export function existingRunFiles(chainDir: string, reportDir: string, runId: string): string[] {
  const out: string[] = [];
  // chains and sidecars of every ensemble (and tempered rung), and the run's decision file
  const re = new RegExp(`^${runId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(e\\d+(\\.t\\d+)?\\.h5(\\.json)?|decisions\\.json)$`);
  try {
    for (const f of readdirSync(chainDir)) if (re.test(f)) out.push(join(chainDir, f));
  } catch {
    /* no chains directory yet */
  }
  const report = join(reportDir, 'index.html');
  if (existsSync(report)) out.push(report);
  return out.sort();
}

/**
 * The lock file of a run: `<chainDir>/.<runId>.lock`.
 *
 * @param chainDir - the analysis's chains directory
 * @param runId - run id
 * @returns the lock path
 */
export function runLockPath(chainDir: string, runId: string): string {
  return join(chainDir, `.${basename(runId)}.lock`);
}
