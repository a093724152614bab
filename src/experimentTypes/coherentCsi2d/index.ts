/**
 * Registers the experiment type `coherent-csi-2021-2d` (COHERENT CsI[Na] 2021 in PE × arrival
 * time, Poisson likelihood with the collaboration's nuisances; model.ts) behind the common
 * experiment interface (src/experimentModel/types.ts). Observables: `PE` (photoelectrons) and
 * `time` (reconstructed arrival time, µs), flat bins row-major with time fastest (as model.ts).
 * Auxiliary observation: `AC`, the anti-coincident count that constrains the steady state.
 */
import { drawBinned } from '../../experimentModel/binnedStatistics.js';
import { registerExperimentType, type ExperimentDefinition } from '../../experimentModel/registry.js';
import type { BinnedData, ExperimentModel } from '../../experimentModel/types.js';
import { poissonVariate } from '../../random/poisson.js';
import { FLAVORS } from '../../physics/parameters.js';
import { resolveCsi2dFile, type Csi2dInputs } from './load.js';
import { buildCsi2dModel, type Csi2dModel } from './model.js';
import { csi2dSchema, type Csi2dFile } from './schema.js';

/** Registry type of the 2-D CsI experiment. */
export const CSI2D_TYPE = 'coherent-csi-2021-2d';

/**
 * Wraps a built {@link Csi2dModel} as an {@link ExperimentModel} on the given data.
 *
 * @param m - the 2-D model
 * @param title - experiment title
 * @param data - counts per flat bin and the AC count (auxiliary `AC`)
 * @returns the interface object; `withData` re-wraps the same model on other data
 * @example csi2dExperimentModel(m, 'COHERENT CsI', { counts: m.observed, auxiliary: { AC: Float64Array.of(m.acTotal) }, kind: 'observed' })
 * Reference: src/experimentModel/types.ts (conventions), model.ts (likelihood).
 */
export function csi2dExperimentModel(m: Csi2dModel, title: string, data: BinnedData): ExperimentModel {
  const counts = data.counts;
  const ac = data.auxiliary?.AC?.[0] ?? m.acTotal;
  const bins = Array.from({ length: m.nBins }, (_, b) => b);
  const self: ExperimentModel = {
    id: m.id,
    type: CSI2D_TYPE,
    title,
    observables: [
      { name: 'PE', label: 'photoelectrons', unit: 'PE', edges: m.edgesPE },
      { name: 'time', label: 'reconstructed arrival time', unit: 'us', edges: m.edgesT },
    ],
    nBins: m.nBins,
    binsUsed: bins,
    statistic: 'poisson',
    physicsNames: m.paramNames,
    nuisances: m.nuisances,
    data,
    expected: m.expected,
    expectedParts(theta, nu) {
      const p = m.parts(theta, nu);
      return {
        total: p.total,
        components: [
          ...FLAVORS.map((f) => ({ name: f, kind: 'signal' as const, flavor: f, channel: 'cevns', counts: p.byFlavor[f] })),
          { name: 'BRN', kind: 'background' as const, counts: p.brn },
          { name: 'NIN', kind: 'background' as const, counts: p.nin },
          { name: 'steady-state', kind: 'background' as const, counts: p.ss },
        ],
      };
    },
    logLikelihood(theta, nu) {
      const v = m.minus2LogLFor(counts, ac, theta, nu);
      return Number.isFinite(v) ? -0.5 * v : -Infinity;
    },
    logLikelihoodGradient(theta, nu, grad) {
      const v = m.minus2LogLGradFor(counts, ac, theta, nu, grad);
      for (let k = 0; k < m.nuisances.length; k++) grad[k] = -0.5 * grad[k]!;
      return Number.isFinite(v) ? -0.5 * v : -Infinity;
    },
    generate(theta, nu, rng) {
      const mu = new Float64Array(m.nBins);
      m.expected(theta, nu, mu);
      const d = drawBinned('poisson', mu, data, rng);
      const iSs = m.nuisances.findIndex((n) => n.effect === 'ss-normalisation');
      const nss = m.acTotal * (1 + (iSs >= 0 ? nu[iSs]! : 0));
      return { ...d, auxiliary: { AC: Float64Array.of(poissonVariate(rng, nss)) }, kind: 'pseudo' };
    },
    withData(d) {
      return csi2dExperimentModel(m, title, d);
    },
  };
  return self;
}

registerExperimentType<Csi2dFile, Csi2dInputs>({
  type: CSI2D_TYPE,
  description: 'COHERENT CsI[Na] 2021 in PE x arrival time: Poisson likelihood, AC-constrained steady state, BRN/NIN, quenching/efficiency morphs, timing offsets',
  schema: csi2dSchema as never,
  load(file, ctx): ExperimentDefinition<Csi2dInputs> {
    const inp = resolveCsi2dFile(file, ctx.file);
    return { type: CSI2D_TYPE, id: inp.id, title: inp.title, file: inp.file, dataFiles: inp.dataFiles, nuisances: inp.nuisances, config: inp };
  },
  build(def, ctx) {
    const m = buildCsi2dModel(def.config, ctx.physicsNames, ctx.fixed);
    return csi2dExperimentModel(m, def.title, { counts: m.observed, auxiliary: { AC: Float64Array.of(m.acTotal) }, kind: 'observed' });
  },
});
