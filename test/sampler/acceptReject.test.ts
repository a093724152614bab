/**
 * Deterministic-stub tests of the accept/reject logic and the input guards (exact outcomes):
 * a scripted generator and a scripted move make every decision predictable.
 * Rule under test (emcee red_blue.py / mh.py): accept iff logHastings + lnp(Y) − lnp(X) > ln U.
 */
import { describe, expect, it } from 'vitest';
import type { Rng, RngState } from '../../src/random/rng.js';
import { EnsembleStepper } from '../../src/sampler/EnsembleStepper.js';
import { runSampler } from '../../src/sampler/runSampler.js';
import { SamplerError } from '../../src/sampler/SamplerError.js';
import { makeMoves, parseMoveSpec } from '../../src/sampler/moves/makeMove.js';
import type { BatchLogProb, Move, ProposalContext } from '../../src/sampler/types.js';
import { makeRng } from '../../src/random/makeRng.js';

/** Generator returning scripted uniforms; shuffle is the identity; integers 0. */
class ScriptedRng implements Rng {
  readonly kind = 'emcee' as const;
  constructor(private readonly us: number[]) {}
  uint32(): number {
    return 0;
  }
  randomSample(): number {
    const u = this.us.shift();
    if (u === undefined) throw new Error('script exhausted');
    return u;
  }
  randint(): number {
    return 0;
  }
  randomInterval(): number {
    return 0;
  }
  standardNormal(): number {
    return 0;
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.randomSample();
  }
  shuffle(a: { [i: number]: number }, n = 0): void {
    // identity permutation with numpy's draw count irrelevant here
    void a;
    void n;
  }
  choiceCdf(): number {
    this.randomSample();
    return 0;
  }
  getState(): RngState {
    return { mt: [], hasGauss: false, gauss: 0 };
  }
}

/** Moves every active walker by +1 in each coordinate, with a fixed log Hastings factor. */
class ShiftMove implements Move {
  readonly name = 'shift';
  readonly nsplits = 2;
  constructor(
    readonly kind: 'redblue' | 'mh',
    private readonly lh: number,
  ) {}
  propose(ctx: ProposalContext): void {
    for (let i = 0; i < ctx.nActive * ctx.ndim; i++) ctx.proposal[i] = ctx.walkers[i]! + 1;
    for (let i = 0; i < ctx.nActive; i++) ctx.logHastings[i] = this.lh;
  }
  describe() {
    return { type: 'stretch' as const };
  }
}

// ln p(x) = −x (1-D): a shift by +1 changes ln p by exactly −1
const linear: BatchLogProb = (x, n, out) => {
  for (let i = 0; i < n; i++) out[i] = -x[i]!;
};

describe('accept/reject with scripted draws', () => {
  it('red/blue: walker accepted iff lh + Δlnp > ln U (Δlnp = −1, lh = 0.5 ⇒ threshold U < e^−0.5 = 0.6065)', () => {
    const st = new EnsembleStepper({ logProb: linear, nwalkers: 4, ndim: 1, moves: [{ move: new ShiftMove('redblue', 0.5), weight: 1 }] });
    st.setState([0, 10, 20, 30]);
    // draws: move choice, then split 0 (walkers 0, 2 with identity shuffle of [0,1,0,1]), then split 1 (walkers 1, 3)
    st.step(new ScriptedRng([0.5, 0.60, 0.61, 0.0, 0.999]));
    expect(Array.from(st.acceptedStep)).toEqual([1, 1, 0, 0]);
    expect(Array.from(st.coords)).toEqual([1, 11, 20, 30]);
    expect(Array.from(st.logProb)).toEqual([-1, -11, -20, -30]);
  });
  it('mh: ln U < Δlnp + lh; U = 0 accepts anything finite, −∞ proposals are always rejected', () => {
    const lp: BatchLogProb = (x, n, out) => {
      for (let i = 0; i < n; i++) out[i] = x[i]! > 25 ? -Infinity : -x[i]!;
    };
    const st = new EnsembleStepper({ logProb: lp, nwalkers: 3, ndim: 1, moves: [{ move: new ShiftMove('mh', 0), weight: 1 }] });
    st.setState([0, 10, 25]);
    st.step(new ScriptedRng([0.5, 0.37, 0.36, 0.0]));
    // e^−1 = 0.3679: U = 0.37 rejects, 0.36 accepts; walker 2 proposes 26 → −∞ → rejected even with U = 0
    expect(Array.from(st.acceptedStep)).toEqual([0, 1, 0]);
  });
});

describe('guards and error messages', () => {
  const names = ['alpha', 'beta'];
  it('NaN and +∞ log-probabilities stop the run naming the parameter values', async () => {
    for (const bad of [NaN, Infinity]) {
      const lp: BatchLogProb = (x, n, out) => {
        for (let i = 0; i < n; i++) out[i] = x[2 * i]! > 0.5 ? bad : -0.5 * (x[2 * i]! ** 2 + x[2 * i + 1]! ** 2);
      };
      const init = Array.from({ length: 16 }, (_, k) => 0.01 * ((k * 37) % 11) - 0.05 + (k % 2) * 0.001 * k);
      await expect(runSampler({ logProb: lp, nwalkers: 8, ndim: 2, rng: makeRng('emcee', 1), initial: init, nsteps: 2000, parameterNames: names })).rejects.toThrow(
        new RegExp(`log-probability is ${bad} at alpha=`),
      );
    }
  });
  it('non-finite initial log-probability, degenerate ensembles and too few walkers are refused', async () => {
    const lp: BatchLogProb = (x, n, out) => {
      for (let i = 0; i < n; i++) out[i] = x[2 * i]! < 0 ? -Infinity : 0;
    };
    const base = { logProb: lp, ndim: 2, rng: makeRng('emcee', 1), nsteps: 5, parameterNames: names };
    const good = [0.1, 0.2, 0.3, 0.1, 0.2, 0.5, 0.4, 0.3];
    await expect(runSampler({ ...base, nwalkers: 4, initial: [-0.1, 0.2, ...good.slice(2)] })).rejects.toThrow(/initial walker 0 has log-probability -Infinity at alpha=-0.1, beta=0.2/);
    await expect(runSampler({ ...base, nwalkers: 4, initial: [0.1, 1, 0.2, 1, 0.3, 1, 0.4, 1] })).rejects.toThrow(/all walkers have the same value of coordinate 1/);
    await expect(runSampler({ ...base, nwalkers: 4, initial: [0.1, 0.2, 0.2, 0.4, 0.3, 0.6, 0.4, 0.8] })).rejects.toThrow(/degenerate/);
    await expect(runSampler({ ...base, nwalkers: 3, initial: good.slice(0, 6) })).rejects.toThrow(/nwalkers ≥ 2·ndim = 4/);
    await expect(runSampler({ ...base, nwalkers: 4, initial: [0.1, 0.2, NaN, 0.1, 0.2, 0.5, 0.4, 0.3] })).rejects.toThrow(SamplerError);
  });
  it('--moves syntax: weights, parameters, per-dimension sigma, and clear errors', () => {
    expect(parseMoveSpec('de:0.8,desnooker:0.2')).toEqual([
      { type: 'de', weight: 0.8 },
      { type: 'desnooker', weight: 0.2 },
    ]);
    expect(parseMoveSpec('stretch(a=2.5),gaussian(sigma=0.1/0.2):0.3,walk(s=4)')).toEqual([
      { type: 'stretch', a: 2.5 },
      { type: 'gaussian', sigma: [0.1, 0.2], weight: 0.3 },
      { type: 'walk', s: 4 },
    ]);
    expect(() => parseMoveSpec('stretch(b=2)')).toThrow(/stretch has no parameter "b=2"/);
    expect(() => parseMoveSpec('de:-1')).toThrow(/not a positive number/);
    expect(() => parseMoveSpec('gaussian')).toThrow(/gaussian needs sigma/);
    expect(() => parseMoveSpec('stretch(a=0.5)')).toThrow(/a must be > 1/);
  });
  it('stuck walkers are reported (walker 3 sits on an island whose every proposal has zero density)', async () => {
    const lp: BatchLogProb = (x, n, out) => {
      for (let i = 0; i < n; i++) out[i] = x[i]! === 100 ? 0 : x[i]! > 50 ? -Infinity : -0.5 * x[i]! ** 2;
    };
    const res = await runSampler({
      logProb: lp,
      nwalkers: 6,
      ndim: 1,
      moves: makeMoves(parseMoveSpec('gaussian(sigma=0.5)')),
      rng: makeRng('emcee', 3),
      initial: [0.1, -0.2, 0.3, 100, -0.1, 0.25],
      nsteps: 200,
      skipInitialStateCheck: true,
    });
    expect(res.acceptanceFraction[3]).toBe(0);
    expect(res.warnings.join(' ')).toMatch(/1 of 6 walkers accepted fewer than 2% of their proposals \(walkers 3\)/);
  });
});
