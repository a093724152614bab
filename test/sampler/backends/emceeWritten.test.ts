/**
 * readChain on a file written by emcee 3.1.4 itself (test/fixtures/emcee/emcee_written.h5, made by
 * make_emcee_written.py, which also stored emcee's own get_chain/get_log_prob/accepted in
 * emcee_written.json). Reference: emcee's HDFBackend reader; tolerance 0 (exact doubles).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readChain } from '../../../src/sampler/backends/readChain.js';
import { UserError } from '../../../src/cli/userError.js';

const H5 = 'test/fixtures/emcee/emcee_written.h5';
const expected = JSON.parse(readFileSync('test/fixtures/emcee/emcee_written.json', 'utf8')) as {
  nwalkers: number;
  ndim: number;
  iteration: number;
  rows_on_disk: number;
  chain: number[];
  log_prob: number[];
  accepted: number[];
};

describe('readChain reads a chain written by emcee 3.1.4 HDFBackend (exact, vs emcee get_chain)', () => {
  it('slices to the iteration attribute (emcee grew the datasets ahead) and matches every value', async () => {
    expect(expected.rows_on_disk).toBeGreaterThan(expected.iteration); // the fixture exercises the slicing
    const r = await readChain(H5);
    expect([r.nsteps, r.nwalkers, r.ndim]).toEqual([expected.iteration, expected.nwalkers, expected.ndim]);
    expect(r.chain).toEqual(Float64Array.from(expected.chain));
    expect(r.logProb).toEqual(Float64Array.from(expected.log_prob));
    expect(r.accepted).toEqual(Float64Array.from(expected.accepted));
    expect(r.meta).toBeNull();
    expect(r.parameterNames).toEqual(['param_0', 'param_1']);
  });

  it('a missing group or file is a UserError naming the file', async () => {
    await expect(readChain(H5, { group: 'run2' })).rejects.toThrow(/emcee_written\.h5: \/run2: group not found.*groups here: mcmc/);
    await expect(readChain('test/fixtures/emcee/nope.h5')).rejects.toBeInstanceOf(UserError);
    await expect(readChain('test/fixtures/emcee/emcee_written.json')).rejects.toThrow(/cannot open as HDF5/);
  });
});
