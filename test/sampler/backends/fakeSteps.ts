/**
 * Deterministic fake ensemble steps for backend tests (not a sampler): a random walk whose
 * proposals and accept decisions come from an injected mt19937, so a resumed run must restore
 * positions, log-probabilities, acceptance counts AND the RNG state to reproduce the chain.
 */
import { makeMt19937, mt19937FromState, type Mt19937 } from '../../../src/numerics/stdlib.js';
import type { ResumeState } from '../../../src/sampler/backends/backend.js';

/** A fake run: `step()` advances one ensemble step and returns its row. */
export interface FakeRun {
  readonly nwalkers: number;
  readonly ndim: number;
  /** steps taken so far */
  iteration: number;
  step(): { coords: Float64Array; logProb: Float64Array; accepted: Uint8Array };
  snapshot(): ResumeState;
}

function logTarget(x: Float64Array, off: number, ndim: number): number {
  let s = 0;
  for (let d = 0; d < ndim; d++) s += (x[off + d] - d) ** 2 / (1 + d);
  return -0.5 * s;
}

/**
 * Starts (seed) or continues (resume) a fake run.
 *
 * @param nwalkers - walkers
 * @param ndim - dimensions
 * @param seed - seed of the mt19937 (ignored when `resume` is given)
 * @param resume - state to continue from
 * @returns the run
 */
export function fakeRun(nwalkers: number, ndim: number, seed: number, resume?: ResumeState): FakeRun {
  let rng: Mt19937;
  const coords = new Float64Array(nwalkers * ndim);
  const logProb = new Float64Array(nwalkers);
  const acceptedTotal = new Float64Array(nwalkers);
  let iteration = 0;
  if (resume) {
    rng = mt19937FromState(resume.rng as number[]);
    coords.set(resume.coords);
    logProb.set(resume.logProb);
    acceptedTotal.set(resume.accepted);
    iteration = resume.iteration;
  } else {
    rng = makeMt19937(seed);
    for (let i = 0; i < coords.length; i++) coords[i] = rng.normalized() - 0.5;
    for (let w = 0; w < nwalkers; w++) logProb[w] = logTarget(coords, w * ndim, ndim);
  }
  const run: FakeRun = {
    nwalkers,
    ndim,
    get iteration() {
      return iteration;
    },
    step() {
      const accepted = new Uint8Array(nwalkers);
      const prop = new Float64Array(ndim);
      for (let w = 0; w < nwalkers; w++) {
        for (let d = 0; d < ndim; d++) prop[d] = coords[w * ndim + d] + (rng.normalized() - 0.5);
        const lp = logTarget(prop, 0, ndim);
        if (lp - logProb[w] > Math.log(rng.normalized())) {
          coords.set(prop, w * ndim);
          logProb[w] = lp;
          accepted[w] = 1;
          acceptedTotal[w] += 1;
        }
      }
      iteration += 1;
      return { coords: coords.slice(), logProb: logProb.slice(), accepted };
    },
    snapshot() {
      return {
        iteration,
        coords: Array.from(coords),
        logProb: Array.from(logProb),
        accepted: Array.from(acceptedTotal),
        rng: Array.from(rng.state),
      };
    },
  };
  return run;
}
