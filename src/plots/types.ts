/**
 * Plain-data inputs of the plot functions. Plots see only numbers and labels (chains, profiles,
 * spectra); they never import physics, samplers or file readers (docs/architecture.md).
 */

/** Axis scale of a parameter: linear or base-10 logarithmic. */
export type AxisScale = 'lin' | 'log';

/** A parameter as the plots need it. */
export interface PlotParameter {
  /** machine name (e.g. `q_ee`) */
  name: string;
  /** human label, plain text (escaped on output) */
  label: string;
  /** unit for the axis label, plain text (e.g. `1e-8 e`); omitted or empty for dimensionless */
  unit?: string;
  /** axis scale (default `lin`); `log` requires strictly positive samples */
  scale?: AxisScale;
  /** fixed plot range in parameter units; default from the samples */
  range?: readonly [number, number];
  /**
   * power of ten factored out of every number shown for this parameter on a linear axis (ticks,
   * titles, tables), stated with the unit as `[10⁻⁷ e]`; default: each plot chooses its own. The
   * report sets it once per parameter so that table, corner, profile and trace plots agree.
   */
  exponent?: number;
}

/** A reference point marked in the plots (e.g. the Standard Model), one value per parameter. */
export interface ReferencePoint {
  /** legend text (plain text), e.g. `Standard Model` */
  label: string;
  /** value per parameter in parameter units; null where the point has no value */
  values: ReadonlyArray<number | null>;
}

/** One set of posterior draws (e.g. one run), row-major `n × d`. */
export interface SampleRun {
  /** legend label (plain text) */
  label: string;
  /** draws, row-major: `samples[s * d + k]` is parameter `k` of draw `s` */
  samples: Float64Array;
  /** colour override (hex); default from the Okabe–Ito run palette */
  color?: string;
}

/** A closed interval in parameter units, e.g. a published 90 % CL interval. */
export interface PlotInterval {
  /** lower end (may be −Infinity for an upper limit) */
  lo: number;
  /** upper end (may be +Infinity for a lower limit) */
  hi: number;
  /** legend text (plain text), e.g. `COHERENT 2022, 90% CL` */
  label?: string;
  /** fill colour (default the published-band yellow) */
  color?: string;
}

/** A 1-D profile likelihood: Δχ² on a grid of one parameter (others minimised). */
export interface Profile1D {
  /** index of the profiled parameter */
  parameter: number;
  /** grid points in parameter units, ascending */
  grid: ArrayLike<number>;
  /** Δχ² = χ² − χ²_min at each grid point (≥ 0) */
  deltaChi2: ArrayLike<number>;
  /** legend text, default `profile likelihood` */
  label?: string;
}

/** Contour polygons of a 2-D profile likelihood at one Δχ² level. */
export interface ProfileContour2D {
  /** index of the parameter on the x axis */
  x: number;
  /** index of the parameter on the y axis */
  y: number;
  /** level description (plain text), e.g. `68.3% CL, Δχ² = 2.30` */
  level: string;
  /** closed polygons, each a list of `[x, y]` points in parameter units */
  polygons: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

/**
 * Convention of the 2-D credible regions.
 * - `mass`: each level encloses the given posterior mass (default 0.6827 and 0.9545, as GetDist
 *   and ChainConsumer; corner.py, doi:10.21105/joss.00024; GetDist, arXiv:1910.13970).
 * - `sigma2d`: corner.py's levels `1 − exp(−k²/2)` (mass inside k σ of a 2-D Gaussian).
 */
export type LevelConvention = { kind: 'mass'; masses: readonly number[] } | { kind: 'sigma2d'; sigmas: readonly number[] };

/** Options of {@link cornerPlot}. */
export interface CornerOptions {
  /** bins per axis for 1-D and 2-D histograms (default 30) */
  bins?: number;
  /**
   * Gaussian smoothing of 2-D histograms in bin units (default 0.5; 0 = none). Smoothing widens the
   * contours slightly (conservative): about +1% enclosed mass at 68% for 0.5 bins, +3% for 1 bin
   * (measured on a 2-D normal, test/plots/densityThresholds.test.ts).
   */
  smooth2d_bins?: number;
  /** 1-D marginal style (default `hist`) */
  density1d?: 'hist' | 'kde';
  /** credible-region convention (default mass 68.3 % and 95.4 %) */
  levels?: LevelConvention;
  /** lower, central and upper quantile for the dashed lines and the titles (default 0.16, 0.5, 0.84) */
  quantiles?: readonly [number, number, number];
  /** true (injected) values per parameter; null where unknown */
  truths?: ReadonlyArray<number | null>;
  /** a reference point (e.g. the Standard Model) drawn as a dotted line and a cross */
  reference?: ReferencePoint;
  /** published intervals per parameter; null where none */
  published?: ReadonlyArray<PlotInterval | null>;
  /**
   * Per parameter, a highest-density region that replaces median ± quantiles in the panel title of
   * the first run (multimodal marginals, where a median between two modes says little); null: keep
   * the quantile title
   */
  hdiTitles?: ReadonlyArray<{ intervals: readonly { lo: number; hi: number }[]; prob: number } | null>;
  /** 1-D profile likelihoods drawn as exp(−Δχ²/2) on the diagonal */
  profiles1d?: readonly Profile1D[];
  /** 2-D profile contours drawn on the off-diagonal panels */
  profiles2d?: readonly ProfileContour2D[];
  /** size of one panel in px (default 150) */
  panelSize_px?: number;
  /** prefix for element ids (clip paths), unique within one HTML page (default `corner`) */
  idPrefix?: string;
}

/** Walker traces, thinned: `values[(t * nWalkers + w) * nParams + k]`. */
export interface TraceData {
  /** step index of each stored row */
  steps: ArrayLike<number>;
  /** number of walkers */
  nWalkers: number;
  /** number of parameters */
  nParams: number;
  /** values, layout `[t][w][k]` */
  values: Float64Array;
  /** steps discarded as burn-in (a vertical line is drawn there); optional */
  burnIn?: number;
}

/** Autocorrelation-time history: τ estimates after given numbers of steps. */
export interface TauHistory {
  /** numbers of steps N at which τ was estimated */
  steps: ArrayLike<number>;
  /** τ per parameter: `tau[k][m]` at `steps[m]` (steps) */
  tau: ReadonlyArray<ArrayLike<number>>;
}

/** A binned spectrum, expected against observed. */
export interface SpectrumData {
  /** bin edges (n + 1 values, ascending) in `xUnit` */
  edges: ArrayLike<number>;
  /** observed counts per bin */
  observed: ArrayLike<number>;
  /** 1σ uncertainty per bin (counts) */
  sigma: ArrayLike<number>;
  /** expected counts per bin (e.g. the Standard-Model prediction), optional */
  expected?: ArrayLike<number>;
  /** background counts per bin, optional */
  background?: ArrayLike<number>;
  /** best-fit total counts per bin, optional (residuals are taken against it, else against `expected`) */
  bestFit?: ArrayLike<number>;
  /** x-axis quantity (plain text), e.g. `electron-equivalent energy` */
  xLabel: string;
  /** x-axis unit (plain text), e.g. `keVee` */
  xUnit?: string;
  /** y-axis label, default `counts / bin` */
  yLabel?: string;
  /** title (plain text) */
  title?: string;
  /** legend text of the data points (default `observed (±1σ)`), e.g. `Asimov data (±√N)` */
  dataLabel?: string;
  /** legend text of `expected` (default `expected`), e.g. `expected without EM effect (θ = 0)` */
  expectedLabel?: string;
  /** experiment the spectrum belongs to (the report groups panels by experiment) */
  experiment?: string;
}

/** A horizontal Δχ² reference line with its meaning. */
export interface ClLine {
  /** Δχ² value, e.g. 2.71 */
  deltaChi2: number;
  /** label, e.g. `90% CL (1 dof)` */
  label: string;
}
