/**
 * Upper bounds on every size and magnitude nuem accepts from a model file or the command line,
 * in one table, so `nuem validate` and every verb refuse the same inputs (exit 2, one line)
 * instead of hanging, exhausting memory or printing NaN. The sizes bound run time and memory
 * (a chain of W walkers × N steps × D parameters holds 8·W·N·(D + 1) bytes in memory during
 * `nuem run`); the magnitudes are sanity limits far outside any real detector or source, chosen
 * so that every product the forward model forms (targets × neutrinos per proton × protons ×
 * cross section / baseline²) stays a finite double. They are documented in
 * docs/limits.md.
 * @module
 */

/** Limits on sizes (counts of things). */
export const SIZE_LIMITS = Object.freeze({
  /** walkers of an ensemble */
  walkers: 4096,
  /** steps of a chain (sampler.steps, untilConverged.maxSteps, --steps, --max-steps) */
  steps: 1_000_000,
  /** fewest steps a sampled chain may have: the τ estimate and the report need a few checks of ≥ 8 steps */
  minSteps: 8,
  /** values held in memory by one `nuem run` ensemble: walkers × steps × (parameters + 1) */
  chainValues: 250_000_000,
  /** independent ensembles of `nuem run` / `nuem sample --ensembles` */
  ensembles: 64,
  /** worker threads */
  threads: 64,
  /** dimension of a built-in `nuem sample` target */
  dim: 1000,
  /** 1-D profile scan nodes (profile.points, --profile-points) */
  profilePoints: 10_001,
  /** 2-D profile coarse nodes per axis (profile.nx / ny, --profile-grid) */
  profileGrid: 1001,
  /** 2-D refinement depth */
  profileRefine: 6,
  /** bins of a detector (explicit edges, uniform binning, uniformBins override) */
  bins: 1000,
  /** experiments in one analysis */
  experiments: 16,
  /** parameters in one analysis */
  parameters: 32,
  /** characters of an analysis, experiment, run or background id */
  idLength: 64,
  /** characters of a title */
  titleLength: 300,
  /** characters of a description, note or source text */
  textLength: 20_000,
  /** bytes of a model file or a data table read by nuem */
  fileBytes: 64 * 1024 * 1024,
  /** largest seed (seeds are 32-bit unsigned integers; ensemble streams are spawned from the seed, numpy SeedSequence) */
  seed: 4294967295,
});

/** Limits on physical magnitudes of experiment files (units in the key names). */
export const MAGNITUDE_LIMITS = Object.freeze({
  /** detector mass (1 Mt) */
  mass_kg: 1e9,
  /** molar mass of the target formula unit */
  molarMass_g_per_mol: 1e4,
  /** neutrinos per flavour per proton on target */
  nuPerFlavorPerProton: 100,
  /** source–detector distance (10 000 km) */
  baseline_m: 1e7,
  /** protons on target of a fixed exposure */
  protonsOnTarget: 1e30,
  /** years of running */
  years: 1000,
  /** protons per year given directly */
  protonsPerYear: 1e28,
  /** beam power */
  power_MW: 1e4,
  /** proton kinetic energy */
  protonEnergy_GeV: 1e4,
  /** beam hours per year */
  hoursPerYear: 8784,
  /** flat background rate in counts/(keV·kg·day) */
  background_ckkd: 1e9,
  /** background events of a released template */
  backgroundEvents: 1e12,
  /** form-factor radii and surface thicknesses (a nucleus is ≲ 10 fm) */
  radius_fm: 100,
  /** energies on detector axes (thresholds, edges, resolution widths) in keV or PE */
  energy: 1e6,
  /** times in µs (timing windows, lifetimes, beam pulse) */
  time_us: 1e6,
  /** relative normalisation uncertainties σ_α, σ_β */
  nuisanceWidth: 100,
  /** confidence / credible levels: [min, max] */
  clMin: 0.5,
  clMax: 0.999999,
});
