/**
 * Issue 5: a chain from another analysis given to `--resume` is a UserError, i.e. exit code 2
 * with one line `nuem: <file>: <what>. Fix: <fix>` (src/cli/userError.ts), and the chain is left
 * untouched. Runs the CLI's `main()` in process on built-in targets.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-resume-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  try {
    const code = await main(['node', 'nuem', ...args]);
    return { code, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('nuem sample --resume with a chain from another analysis', () => {
  it('exits 2 with a one-line error naming the file and the fix; the chain is unchanged', async () => {
    const out = join(dir, 'g.h5');
    const common = ['--dim', '2', '--walkers', '8', '--no-progress', '--out', out];
    const first = await cli('sample', '--target', 'gaussian', '--steps', '80', ...common);
    expect(first.code, first.stderr).toBe(0);
    const sidecar = readFileSync(`${out}.json`, 'utf8');
    const h5 = readFileSync(out);

    const other = await cli('sample', '--target', 'banana', '--steps', '160', '--resume', ...common);
    expect(other.code).toBe(2);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(/^nuem: .*g\.h5: chain was written by analysis "[^"]*gaussian", not "[^"]*banana"\. Fix: use a new --out/);
    expect(readFileSync(`${out}.json`, 'utf8')).toBe(sidecar);
    expect(readFileSync(out).equals(h5)).toBe(true);

    const same = await cli('sample', '--target', 'gaussian', '--steps', '160', '--resume', ...common);
    expect(same.code, same.stderr).toBe(0);
  });
});
