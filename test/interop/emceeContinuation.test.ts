/**
 * emcee continues a nuem chain exactly as `nuem sample --resume` does. nuem writes emcee's
 * `random_state_0…4` attributes (numpy `get_state()` after the last stored step), so
 * `emcee.EnsembleSampler(..., backend=HDFBackend(path)).run_mcmc(None, n)` restores nuem's
 * stream. Check: a 100-step nuem chain (3-D Gaussian, ρ = 0.5, 12 walkers, seed 7) is extended
 * by 60 steps once by Debian's python3-emcee and once by `nuem sample --resume`; positions,
 * log-probabilities and acceptance counts of all 160 steps must be identical (exact equality:
 * the Python log-probability repeats src/sampler/targets/gaussianTarget.ts operation by
 * operation). Also: h5py reads `parameter_names`, `parameter_labels`, `parameter_units`; and
 * `--resume` of the file emcee extended is refused (its `iteration` is ahead of nuem's
 * `nuem_iteration`) rather than cutting emcee's 60 steps off.
 * Needs /usr/bin/python3 with emcee and h5py (.ci/run installs python3-emcee, python3-h5py);
 * without them the test is skipped locally and fails under CI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { readChain } from '../../src/sampler/backends/readChain.js';

const PY = '/usr/bin/python3';
const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
const hasPython = spawnSync(PY, ['-c', 'import emcee, h5py'], { stdio: 'ignore' }).status === 0;
if (!hasPython && process.env.CI) throw new Error('CI: /usr/bin/python3 lacks emcee or h5py (apt-get install python3-emcee python3-h5py; .ci/run does this)');

const CONTINUE_PY = String.raw`
import json, math, sys
import emcee, h5py
path, n_more, dim, rho = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
# src/sampler/targets/gaussianTarget.ts, same operations in the same order
c = rho / (1 + (dim - 1) * rho)
inv = 1 / (1 - rho)
norm = -0.5 * ((dim - 1) * math.log(1 - rho) + math.log(1 + (dim - 1) * rho)) - 0.5 * dim * math.log(2 * math.pi)
def log_prob(x):
    s2 = 0.0
    s1 = 0.0
    for v in x:
        v = float(v)
        s2 += v * v
        s1 += v
    return norm - 0.5 * inv * (s2 - c * s1 * s1)
backend = emcee.backends.HDFBackend(path)
nwalkers, ndim = backend.shape
state = backend.random_state
sampler = emcee.EnsembleSampler(nwalkers, ndim, log_prob, backend=backend)
sampler.run_mcmc(None, n_more, progress=False)
with h5py.File(path, "r") as f:
    a = f["mcmc"].attrs
    out = {"names": [str(s) for s in a["parameter_names"]], "labels": [str(s) for s in a["parameter_labels"]],
           "units": [str(s) for s in a["parameter_units"]], "rs0": str(state[0]), "pos": int(state[2]),
           "iteration": int(a["iteration"]), "emcee": emcee.__version__}
print(json.dumps(out))
`;

describe.skipIf(!hasPython)('emcee (python3-emcee) continues a nuem chain exactly like --resume', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nuem-emcee-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const common = ['sample', '--target', 'gaussian', '--dim', '3', '--rho', '0.5', '--walkers', '12', '--seed', '7', '--no-progress'];

  it('positions, log-probabilities and acceptance of 100 nuem + 60 emcee steps = 160 nuem steps (resumed)', async () => {
    const a = join(dir, 'a.h5');
    const b = join(dir, 'b.h5');
    execFileSync(process.execPath, [CLI, ...common, '--steps', '100', '--out', a], { stdio: 'pipe' });
    copyFileSync(a, b);
    copyFileSync(`${a}.json`, `${b}.json`);
    execFileSync(process.execPath, [CLI, ...common, '--steps', '160', '--out', b, '--resume'], { stdio: 'pipe' });
    const script = join(dir, 'continue.py');
    writeFileSync(script, CONTINUE_PY);
    const py = JSON.parse(execFileSync(PY, [script, a, '60', '3', '0.5'], { encoding: 'utf8' })) as {
      names: string[];
      labels: string[];
      units: string[];
      rs0: string;
      pos: number;
      iteration: number;
    };
    expect(py.rs0).toBe('MT19937');
    expect(py.iteration).toBe(160);
    expect(py.names).toEqual(['x0', 'x1', 'x2']);
    expect(py.labels).toEqual(py.names);
    expect(py.units).toHaveLength(3);
    const byEmcee = await readChain(a);
    const byNuem = await readChain(b);
    expect(byEmcee.nsteps).toBe(160);
    expect(byNuem.nsteps).toBe(160);
    // the first 100 rows are the same file; the last 60 are emcee's and nuem's continuations
    expect(Array.from(byEmcee.chain.subarray(100 * 12 * 3))).toEqual(Array.from(byNuem.chain.subarray(100 * 12 * 3)));
    expect(Array.from(byEmcee.logProb.subarray(100 * 12))).toEqual(Array.from(byNuem.logProb.subarray(100 * 12)));
    expect(Array.from(byEmcee.accepted)).toEqual(Array.from(byNuem.accepted));
    // a control that the continuation is not trivially equal: the walkers moved after step 100
    expect(Array.from(byNuem.chain.subarray(159 * 36, 160 * 36))).not.toEqual(Array.from(byNuem.chain.subarray(99 * 36, 100 * 36)));
  });

  it('--resume refuses (exit 2, one line, file unchanged) a chain emcee extended, instead of cutting emcee\'s steps off', () => {
    const a = join(dir, 'a.h5'); // 100 nuem steps + 60 emcee steps (previous test)
    const before = readFileSync(a);
    const r = spawnSync(process.execPath, [CLI, ...common, '--steps', '200', '--out', a, '--resume'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/was extended by another program \(e\.g\. emcee\) from 100 to 160 steps.*\. Fix: /);
    expect(readFileSync(a).equals(before)).toBe(true);
  });
});
