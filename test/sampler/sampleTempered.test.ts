/**
 * `nuem sample --temperatures N` (src/sampler/tempering/runTemperedFromOptions.ts), run through the
 * CLI's `main()` in process:
 * - Gaussian target (D = 2, ρ = 0.5, normalised) in the prior box [−20, 20]²: the evidence is
 *   exactly ln Z = −2 ln 40 (the target's mass outside the box is < 1e−80); the estimate must lie
 *   within 4 of its stated total error (ladder ⊕ MC) of it (8 temperatures; that error < 0.3), and the β = 1 chain's standard
 *   deviations within 0.1 of 1 (≈ 6 of their standard errors at this length).
 * - Resume: 300 steps, then `--resume` to 600, equals 600 uninterrupted steps bit for bit in every
 *   rung's file (positions and log-probabilities).
 * - Bad input: exit 2 with a one-line error, and an existing chain is left untouched.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readChain } from '../../src/sampler/backends/readChain.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-sample-pt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  try {
    const code = await main(['node', 'nuem', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const base = ['sample', '--target', 'gaussian', '--dim', '2', '--rho', '0.5', '--walkers', '16', '--rng', 'default', '--no-progress'];

describe('nuem sample --temperatures', () => {
  it('samples the target at β = 1 and gives ln Z of a normalised target in the prior box', { timeout: 60_000 }, async () => {
    const r = await cli(...base, '--temperatures', '8', '--steps', '1500', '--adapt-steps', '200', '--seed', '7');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { evidence: { lnZ: number; discretisationError: number; mcse: number; expectedForNormalisedTarget: number }; parameters: { sd: number }[]; swapAcceptance: number[]; betas: number[] };
    const exact = -2 * Math.log(40);
    expect(s.evidence.expectedForNormalisedTarget).toBeCloseTo(exact, 12);
    const err = Math.hypot(s.evidence.discretisationError, s.evidence.mcse);
    expect(Math.abs(s.evidence.lnZ - exact), `ln Z ${s.evidence.lnZ} ± ${err} vs ${exact}`).toBeLessThan(4 * err);
    expect(err).toBeLessThan(0.3);
    for (const p of s.parameters) expect(Math.abs(p.sd - 1)).toBeLessThan(0.1);
    expect(s.betas).toHaveLength(8);
    expect(s.betas[0]).toBe(1);
    expect(s.betas[7]).toBe(0);
    expect(s.swapAcceptance).toHaveLength(7);
    for (const a of s.swapAcceptance) expect(a).toBeGreaterThan(0.05);
  });

  it('--resume continues every rung to exactly the uninterrupted chains', { timeout: 60_000 }, async () => {
    const opts = ['--temperatures', '4', '--adapt-steps', '100', '--seed', '3'];
    const a = join(dir, 'a.h5');
    const b = join(dir, 'b.h5');
    expect((await cli(...base, ...opts, '--steps', '300', '--out', a)).code).toBe(0);
    const resumed = await cli(...base, ...opts, '--steps', '600', '--out', a, '--resume');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).stepsThisRun).toBe(300);
    expect((await cli(...base, ...opts, '--steps', '600', '--out', b)).code).toBe(0);
    for (const t of [0, 1, 2, 3]) {
      const f = (p: string) => (t === 0 ? p : p.replace(/\.h5$/, `.t${t}.h5`));
      const ca = await readChain(f(a));
      const cb = await readChain(f(b));
      expect(ca.nsteps).toBe(600);
      expect(Buffer.from(ca.chain.buffer).equals(Buffer.from(cb.chain.buffer)), `rung ${t} positions`).toBe(true);
      expect(Buffer.from(ca.logProb.buffer).equals(Buffer.from(cb.logProb.buffer)), `rung ${t} log_prob`).toBe(true);
    }
  });

  it('rejects bad input with exit 2 and one line, leaving an existing chain untouched', { timeout: 30_000 }, async () => {
    const one = await cli(...base, '--temperatures', '1', '--steps', '10');
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^nuem: --temperatures: .*Fix: /);
    const ens = await cli(...base, '--temperatures', '4', '--ensembles', '2', '--steps', '10');
    expect(ens.code).toBe(2);
    expect(ens.stderr.trim().split('\n')).toHaveLength(1);
    const c = join(dir, 'c.h5');
    expect((await cli(...base, '--temperatures', '3', '--steps', '20', '--adapt-steps', '0', '--out', c)).code).toBe(0);
    const before = readFileSync(c);
    const again = await cli(...base, '--temperatures', '3', '--steps', '20', '--adapt-steps', '0', '--out', c);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*Fix: pass --resume .* or --force/);
    expect(readFileSync(c).equals(before)).toBe(true);
  });
});
