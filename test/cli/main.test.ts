import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CLI = 'dist/src/cli/main.js';

describe('built CLI (dist/src/cli/main.js)', () => {
  it('nuem --version prints the package version and exits 0', () => {
    expect(existsSync(CLI)).toBe(true);
    const out = execFileSync(process.execPath, [CLI, '--version']).toString().trim();
    expect(out).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('nuem with an unknown verb exits 2 with a one-line error', () => {
    const r = spawnSync(process.execPath, [CLI, 'no-such-verb']);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toMatch(/unknown command/);
  });
});
