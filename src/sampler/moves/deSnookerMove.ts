/**
 * DE-snooker move (ter Braak & Vrugt 2008), emcee main-branch form with the PR #531 fix, four
 * sub-ensembles. For each active walker X draw one walker from each of the three other
 * sub-ensembles, shuffle them into (z, z1, z2); u = (X − z)/‖X − z‖;
 * Y = X + γ_s u (u·z1 − u·z2); log Hastings (ndim − 1)(ln‖Y − z‖ − ln‖X − z‖).
 * Reference: ter Braak & Vrugt, Stat. Comput. 18 (2008) 435, doi:10.1007/s11222-008-9104-9,
 * eq. (3)–(4); emcee main `moves/de_snooker.py` (PR #531); ter Braak & Vrugt 2008, doi:10.1007/s11222-008-9104-9.
 * Draw order per walker: randint(|S_a|), randint(|S_b|), randint(|S_c|), then a legacy shuffle of 3.
 * @module
 */
import type { Move, MoveSpec, ProposalContext } from '../types.js';

/** DE-snooker move (see module doc). */
export class DESnookerMove implements Move {
  readonly name = 'desnooker';
  readonly kind = 'redblue' as const;
  readonly nsplits = 4;
  private readonly w = new Int32Array(3);

  /** @param gammas - snooker step scale γ_s (default 1.7, ter Braak & Vrugt 2008) */
  constructor(readonly gammas: number = 1.7) {}

  /** Fills proposals and log Hastings factors. */
  propose(ctx: ProposalContext): void {
    const { rng, ndim, walkers, nActive, complement, complementSizes, proposal, logHastings } = ctx;
    if (complementSizes.length !== 3) throw new RangeError('DE-snooker move needs exactly 3 complementary sub-ensembles');
    const off0 = 0;
    const off1 = complementSizes[0]!;
    const off2 = off1 + complementSizes[1]!;
    const w = this.w;
    const g = this.gammas;
    for (let i = 0; i < nActive; i++) {
      w[0] = off0 + rng.randint(complementSizes[0]!);
      w[1] = off1 + rng.randint(complementSizes[1]!);
      w[2] = off2 + rng.randint(complementSizes[2]!);
      rng.shuffle(w, 3);
      const z = w[0]! * ndim;
      const z1 = w[1]! * ndim;
      const z2 = w[2]! * ndim;
      const xi = i * ndim;
      let n2 = 0.0;
      for (let d = 0; d < ndim; d++) {
        const e = walkers[xi + d]! - complement[z + d]!;
        n2 += e * e;
      }
      const norm = Math.sqrt(n2);
      let a = 0.0;
      for (let d = 0; d < ndim; d++) a += ((walkers[xi + d]! - complement[z + d]!) / norm) * complement[z1 + d]!;
      let b = 0.0;
      for (let d = 0; d < ndim; d++) b += ((walkers[xi + d]! - complement[z + d]!) / norm) * complement[z2 + d]!;
      const t = a - b;
      let m2 = 0.0;
      for (let d = 0; d < ndim; d++) {
        const u = (walkers[xi + d]! - complement[z + d]!) / norm;
        const y = walkers[xi + d]! + u * g * t;
        proposal[xi + d] = y;
        const e = y - complement[z + d]!;
        m2 += e * e;
      }
      logHastings[i] = (ndim - 1.0) * (Math.log(Math.sqrt(m2)) - Math.log(norm));
    }
  }

  /** @returns JSON spec */
  describe(): MoveSpec {
    return { type: 'desnooker', gammas: this.gammas };
  }
}
