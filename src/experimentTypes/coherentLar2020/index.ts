/**
 * Experiment type `coherent-lar-2020`: COHERENT CENNS-10 liquid argon 2020 ("Analysis A") from its
 * data release (arXiv:2006.12659; models/data/coherent-lar-2020), behind the common experiment
 * interface (src/experimentModel/types.ts). The physics and statistics live in
 * src/experiments/coherentLar2020/ (release reader, signal, 3-D model, fits); this file validates
 * the model file, checks its nuisance priors against the release YAML, and adapts the model.
 *
 * Model file (models/experiments/coherent-lar-2020.yaml):
 * ```yaml
 * kind: experiment
 * type: coherent-lar-2020
 * id: coherent-lar-2020
 * title: …
 * dataDir: ../data/coherent-lar-2020
 * signal: nuem            # or `release` (the released CEvNS PDF, θ-independent)
 * nucleus: Ar40           # or Ar (natural argon)
 * formFactor: { type: helm, rn_fm: 3.427, s_fm: 0.9, source: … }
 * nuisances:              # each with `effect:` (what it does) besides the common fields
 *   - { name: ar_flux, effect: signal-flux, prior: { type: normal, mu: 0, sigma: 0.1 }, source: … }
 * ```
 * @module
 */
import { dirname } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../cli/userError.js';
import { drawBinned } from '../../experimentModel/binnedStatistics.js';
import { nuisanceDeclarationSchema, resolveNuisance } from '../../experimentModel/nuisanceSchema.js';
import { registerExperimentType } from '../../experimentModel/registry.js';
import type { BinnedData, ExperimentModel, NuisanceDeclaration } from '../../experimentModel/types.js';
import { ARGON_EFFECTS, argonNuisances, buildArgonModel, type ArgonEffect, type ArgonModel, type ArgonNuisance } from '../../experiments/coherentLar2020/argonModel.js';
import { readLarRelease, type LarRelease } from '../../experiments/coherentLar2020/release.js';
import { formFactorSchema } from '../../experiments/experimentSchema.js';
import { resolveInsideModelTree } from '../../experiments/modelTreePath.js';
import type { FormFactorConfig } from '../../physics/nuclei/formFactor.js';

const schema = z.strictObject({
  kind: z.literal('experiment'),
  type: z.literal('coherent-lar-2020'),
  id: z.string().min(1),
  title: z.string().min(1),
  dataDir: z.string().min(1),
  signal: z.enum(['nuem', 'release']).default('nuem'),
  nucleus: z.enum(['Ar40', 'Ar']).default('Ar40'),
  formFactor: formFactorSchema,
  nuisances: z.array(nuisanceDeclarationSchema.extend({ effect: z.enum(ARGON_EFFECTS as unknown as [ArgonEffect, ...ArgonEffect[]]) })).superRefine((list, ctx) => {
    const names = new Set<string>();
    const effects = new Set<string>();
    list.forEach((n, i) => {
      if (names.has(n.name)) ctx.addIssue({ code: 'custom', message: `nuisance ${n.name} is declared twice`, path: [i, 'name'] });
      if (effects.has(n.effect)) ctx.addIssue({ code: 'custom', message: `effect ${n.effect} is declared twice`, path: [i, 'effect'] });
      names.add(n.name);
      effects.add(n.effect);
    });
  }),
  source: z.string().min(3),
});
type LarFile = z.infer<typeof schema>;

/** Plain-data configuration (hashed). */
interface LarConfig {
  dataDir: string;
  signal: 'nuem' | 'release';
  nucleus: 'Ar40' | 'Ar';
  formFactor: FormFactorConfig;
  effects: ArgonEffect[];
}

const releases = new Map<string, LarRelease>();
function release(dir: string): LarRelease {
  let r = releases.get(dir);
  if (!r) releases.set(dir, (r = readLarRelease(dir)));
  return r;
}

/**
 * Checks that a declared prior equals the release's value where the release gives one (the
 * `signal-other` width is checked against its derivation in the model file's test).
 */
function checkAgainstRelease(file: string, i: number, n: LarFile['nuisances'][number], ref: ArgonNuisance | undefined): void {
  if (!ref || n.effect === 'signal-other') return;
  const p = n.prior as { type: string; mu?: number; sigma?: number };
  const r = ref.prior as { mu: number; sigma: number };
  const close = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  if ((p.type !== 'normal' && p.type !== 'truncnormal') || !close(p.mu, r.mu) || !close(p.sigma, r.sigma)) {
    throw new UserError(
      `${file}: nuisances[${i}].prior`,
      `the ${n.effect} prior must be the release's (mu ${r.mu}, sigma ${r.sigma}: ${ref.source})`,
      'use the values of LArParametersAnlA.yaml',
    );
  }
}

/** Wraps the argon model in the common experiment interface. */
function adapt(m: ArgonModel, id: string, nuisances: readonly NuisanceDeclaration[], data: BinnedData): ExperimentModel {
  const bins = Array.from({ length: m.nBins }, (_, i) => i);
  const self: ExperimentModel = {
    id,
    type: 'coherent-lar-2020',
    title: m.title,
    observables: m.observables,
    nBins: m.nBins,
    binsUsed: bins,
    statistic: 'poisson',
    physicsNames: m.physicsNames,
    nuisances,
    data,
    expected: (theta, nu, out) => m.expected(theta, nu, out),
    expectedParts(theta, nu) {
      const p = m.expectedParts(theta, nu);
      return {
        total: p.total,
        components: [
          { name: 'numu', kind: 'signal', flavor: 'numu', channel: 'cevns', counts: p.cevns.numu },
          { name: 'nue', kind: 'signal', flavor: 'nue', channel: 'cevns', counts: p.cevns.nue },
          { name: 'numubar', kind: 'signal', flavor: 'numubar', channel: 'cevns', counts: p.cevns.numubar },
          { name: 'BRN (prompt)', kind: 'background', counts: p.brnPrompt },
          { name: 'BRN (delayed)', kind: 'background', counts: p.brnDelayed },
          { name: 'steady-state', kind: 'background', counts: p.steadyState },
        ],
      };
    },
    logLikelihood: (theta, nu) => m.logLikelihood(theta, nu),
    logLikelihoodGradient: (theta, nu, grad) => m.logLikelihoodGradient(theta, nu, grad),
    generate(theta, nu, rng) {
      const mu = new Float64Array(m.nBins);
      m.expected(theta, nu, mu);
      return drawBinned('poisson', mu, data, rng);
    },
    withData(d) {
      if (d.counts.length !== m.nBins) throw new RangeError(`coherent-lar-2020: data have ${d.counts.length} bins, expected ${m.nBins}`);
      return adapt(m.withData(d.counts), id, nuisances, d);
    },
  };
  return self;
}

registerExperimentType<LarFile, LarConfig>({
  type: 'coherent-lar-2020',
  description: 'COHERENT CENNS-10 liquid argon 2020 release: energy × F90 × t_trig, Poisson, CEvNS computed by nuem',
  schema,
  load(f, ctx) {
    const dir = resolveInsideModelTree(dirname(ctx.file), f.dataDir, dirname(ctx.file), `${ctx.file}: dataDir`);
    const rel = release(dir);
    const refs = argonNuisances(rel, 1);
    f.nuisances.forEach((n, i) => checkAgainstRelease(ctx.file, i, n, refs.find((r) => r.effect === n.effect)));
    return {
      type: 'coherent-lar-2020',
      id: f.id,
      title: f.title,
      file: ctx.file,
      dataFiles: rel.files,
      nuisances: f.nuisances.map(({ effect: _e, ...n }) => resolveNuisance(n)),
      config: { dataDir: dir, signal: f.signal, nucleus: f.nucleus, formFactor: f.formFactor, effects: f.nuisances.map((n) => n.effect) },
    };
  },
  build(def, ctx) {
    const c = def.config;
    const rel = release(c.dataDir);
    const nuisances: ArgonNuisance[] = def.nuisances.map((n, i) => ({
      name: n.name,
      effect: c.effects[i]!,
      prior: n.prior as ArgonNuisance['prior'],
      nominal: n.nominal,
      width: n.width,
      source: n.source,
      unit: n.unit ?? '',
      ...(n.shared !== undefined ? { shared: n.shared } : {}),
    }));
    const { source: _s, ...ff } = c.formFactor as FormFactorConfig & { source?: string };
    const m = buildArgonModel(rel, { nuisances, physicsNames: ctx.physicsNames, fixed: ctx.fixed, signal: c.signal, nucleus: c.nucleus, formFactor: ff as FormFactorConfig });
    return adapt(m, def.id, def.nuisances, { counts: rel.templates.data, kind: 'observed' });
  },
});
