/**
 * Runs the nuem CLI in this process (`main` from src/cli/main.ts) and captures what it writes to
 * stdout and stderr, for tests of verbs that need no child process.
 */
import { main } from '../../src/cli/main.js';

/** Exit code and captured output of one CLI call. */
export interface InProcessCliResult {
  /** exit code returned by `main` (0 ok, 1 failure, 2 bad input) */
  code: number;
  /** everything written to stdout */
  out: string;
  /** everything written to stderr */
  err: string;
}

/**
 * @param args - the user's words after `nuem`
 * @returns exit code and captured stdout/stderr (the streams are restored afterwards)
 */
export async function runCliInProcess(args: string[]): Promise<InProcessCliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const wo = process.stdout.write.bind(process.stdout);
  const we = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'nuem', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = wo;
    process.stderr.write = we;
  }
}
