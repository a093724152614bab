/**
 * A toy experiment type for the interface tests: two observables (3 "energy" × 2 "time" bins),
 * Poisson bins plus one side-band count, signal s_i(q) = t_i (1 + q/q0)² (q = qee) scaled by a flux
 * nuisance (1 + f), background b_i scaled by a log-normal factor k that the side-band count
 * (expected k·B_sb) constrains. Analytic gradient in (f, k).
 */
import { z } from 'zod';
import { registerExperimentType, experimentType } from '../../src/experimentModel/registry.js';
import { nuisanceListSchema, resolveNuisance } from '../../src/experimentModel/nuisanceSchema.js';
import { devianceWeights, drawBinned, poissonDeviance } from '../../src/experimentModel/binnedStatistics.js';
import { poissonVariate } from '../../src/random/poisson.js';
import type { BinnedData, ExperimentModel, NuisanceDeclaration } from '../../src/experimentModel/types.js';

export const TOY_T = [30, 20, 12, 8, 5, 2];
export const TOY_B = [4, 4, 3, 3, 2, 2];
export const TOY_Q0 = 1e-7;
export const TOY_SB = 40; // side-band expectation at k = 1

const schema = z.strictObject({
  kind: z.literal('experiment'),
  type: z.literal('test-toy'),
  id: z.string(),
  title: z.string(),
  counts: z.array(z.number().min(0)).length(6),
  sideband: z.number().min(0),
  nuisances: nuisanceListSchema,
});
type ToyFile = z.infer<typeof schema>;

export function toyModel(id: string, data: BinnedData, nuisances: readonly NuisanceDeclaration[], physicsNames: readonly string[]): ExperimentModel {
  const iF = nuisances.findIndex((n) => n.name === 'flux');
  const iK = nuisances.findIndex((n) => n.name === 'bkg');
  const bins = [0, 1, 2, 3, 4, 5];
  const q = (theta: ArrayLike<number>): number => (physicsNames.length ? theta[0]! : 0);
  const parts = (theta: ArrayLike<number>, nu: ArrayLike<number>) => {
    const f = iF >= 0 ? nu[iF]! : 0;
    const k = iK >= 0 ? nu[iK]! : 1;
    const g = (1 + q(theta) / TOY_Q0) ** 2;
    return { s: TOY_T.map((t) => (1 + f) * t * g), b: TOY_B.map((b) => k * b), f, k, g };
  };
  const self: ExperimentModel = {
    id,
    type: 'test-toy',
    title: `toy ${id}`,
    observables: [
      { name: 'E', label: 'energy', unit: 'keV', edges: [0, 1, 2, 3] },
      { name: 't', label: 'time', unit: 'us', edges: [0, 1, 6] },
    ],
    nBins: 6,
    binsUsed: bins,
    statistic: 'poisson',
    physicsNames: physicsNames as never,
    nuisances,
    data,
    expected(theta, nu, out) {
      const { s, b } = parts(theta, nu);
      for (let i = 0; i < 6; i++) out[i] = s[i]! + b[i]!;
    },
    expectedParts(theta, nu) {
      const { s, b } = parts(theta, nu);
      const total = Float64Array.from(s, (v, i) => v + b[i]!);
      return { total, components: [{ name: 'signal', kind: 'signal', counts: Float64Array.from(s) }, { name: 'bkg', kind: 'background', counts: Float64Array.from(b) }] };
    },
    logLikelihood(theta, nu) {
      const { s, b, k } = parts(theta, nu);
      const mu = s.map((v, i) => v + b[i]!);
      return -0.5 * (poissonDeviance(data.counts, mu, bins) + poissonDeviance(data.auxiliary!.sideband!, [k * TOY_SB], [0]));
    },
    logLikelihoodGradient(theta, nu, grad) {
      const { s, b, k, f, g } = parts(theta, nu);
      const mu = s.map((v, i) => v + b[i]!);
      const w = new Float64Array(6);
      devianceWeights('poisson', data, mu, bins, w);
      let gf = 0;
      let gk = 0;
      for (let i = 0; i < 6; i++) {
        gf += w[i]! * TOY_T[i]! * g;
        gk += w[i]! * TOY_B[i]!;
      }
      gk += 2 * (1 - data.auxiliary!.sideband![0]! / (k * TOY_SB)) * TOY_SB;
      void f;
      if (iF >= 0) grad[iF] = -0.5 * gf;
      if (iK >= 0) grad[iK] = -0.5 * gk;
      return self.logLikelihood(theta, nu);
    },
    generate(theta, nu, rng) {
      const mu = new Float64Array(6);
      self.expected(theta, nu, mu);
      const d = drawBinned('poisson', mu, data, rng);
      const k = iK >= 0 ? nu[iK]! : 1;
      return { ...d, auxiliary: { sideband: Float64Array.of(poissonVariate(rng, k * TOY_SB)) } };
    },
    withData(d) {
      return toyModel(id, d, nuisances, physicsNames);
    },
  };
  return self;
}

export function registerToyType(): void {
  if (experimentType('test-toy')) return;
  registerExperimentType<ToyFile, { data: BinnedData }>({
    type: 'test-toy',
    description: 'toy experiment of the interface tests',
    schema,
    load(f, ctx) {
      return {
        type: 'test-toy',
        id: f.id,
        title: f.title,
        file: ctx.file,
        dataFiles: [],
        nuisances: f.nuisances.map(resolveNuisance),
        config: { data: { counts: Float64Array.from(f.counts), auxiliary: { sideband: Float64Array.of(f.sideband) }, kind: 'observed' } },
      };
    },
    build(def, ctx) {
      return toyModel(def.id, def.config.data, def.nuisances, ctx.physicsNames);
    },
  });
}
