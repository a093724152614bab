/**
 * Chain files carry parameter names, labels and units as HDF5 attributes (readable without the
 * sidecar, e.g. by h5py or by nuem for a copied file), and emcee's random_state_* for the emcee
 * stream; `nuem report --names` names the parameters of foreign chains.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNamesFlag } from '../../../src/cli/actions/reportAction.js';
import { UserError } from '../../../src/cli/userError.js';
import { NumpyRandomState } from '../../../src/random/numpyRandomState.js';
import { Hdf5Backend, numpyLegacyState } from '../../../src/sampler/backends/hdf5Backend.js';
import { readChain } from '../../../src/sampler/backends/readChain.js';
import { runSampler } from '../../../src/sampler/runSampler.js';
import { gaussianTarget } from '../../../src/sampler/targets/gaussianTarget.js';

const dir = mkdtempSync(join(tmpdir(), 'nuem-attrs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parameter attributes and emcee random state in chain files', () => {
  it('names, labels, units are attributes; readChain finds them without the sidecar', async () => {
    const path = join(dir, 'c.h5');
    const be = new Hdf5Backend(path);
    const meta = { parameterNames: ['qee', 'alpha'], parameterLabels: ['q_ee [e]', 'alpha'], parameterUnits: ['e', '1'], analysisId: 'x', modelHash: 'h', nwalkers: 4, ndim: 2, seed: 3 };
    await be.create(meta);
    const rng = new NumpyRandomState(3);
    await runSampler({ logProb: gaussianTarget(2, 0), nwalkers: 4, ndim: 2, rng, initial: [0.1, 0.2, -0.1, 0.3, 0.2, -0.2, 0.05, 0.1], nsteps: 10, backend: be });
    await be.close();
    rmSync(`${path}.json`);
    await h5wasm.ready;
    const f = new h5wasm.File(path, 'r');
    const g = f.get('mcmc') as InstanceType<typeof h5wasm.Group>;
    expect(g.get_attribute('parameter_units', false)).toEqual(['e', '1']);
    // random_state_* equal numpy get_state() of the generator after the last step
    const np = numpyLegacyState(rng.getState())!;
    expect(g.get_attribute('random_state_0', false)).toBe('MT19937');
    expect(Array.from(g.get_attribute('random_state_1', false) as Uint32Array)).toEqual(Array.from(np.key));
    expect(Number(g.get_attribute('random_state_2', false) as unknown as bigint)).toBe(np.pos);
    f.close();
    // drop nuem_metadata too: only the attributes are left, as in a file written by another program
    const w = new h5wasm.File(path, 'a');
    (w.get('mcmc') as InstanceType<typeof h5wasm.Group>).delete_attribute('nuem_metadata');
    w.close();
    const c = await readChain(path);
    expect(c.meta).toBeNull();
    expect(c.parameterNames).toEqual(['qee', 'alpha']);
    expect(c.parameterLabels).toEqual(['q_ee [e]', 'alpha']);
    expect(c.parameterUnits).toEqual(['e', '1']);
  });

  it('the default stream writes no random_state_* (emcee could not continue it)', async () => {
    expect(numpyLegacyState({ kind: 'default', mt: new Array(640).fill(0), hasGauss: false, gauss: 0 })).toBeNull();
  });

  it('--names: count, characters and duplicates are checked', () => {
    expect(parseNamesFlag('m, b ,lnf', 3)).toEqual(['m', 'b', 'lnf']);
    expect(() => parseNamesFlag('m,b', 3)).toThrow(UserError);
    expect(() => parseNamesFlag('m,b c,d', 3)).toThrow(/not a parameter name/);
    expect(() => parseNamesFlag('m,m,d', 3)).toThrow(/distinct/);
  });
});
