/**
 * The action of `nuem profile`, loaded on demand by src/cli/commands/profile.ts.
 * `nuem profile <analysis> --param <name> [--param <name>] [--cl 0.9] [--points n] [--json]`:
 * profile-likelihood interval (one parameter) or confidence-region contour (two parameters) of an
 * analysis, nuisances profiled exactly, other free physics parameters minimised.
 */
import { sanitizeForTerminal, UserError } from '../userError.js';
import { loadAnalysis } from '../../experiments/loadAnalysis.js';
import { modelHash } from '../../experiments/modelHash.js';
import { buildAnalysisLikelihood } from '../../likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../../likelihood/forwardModelPrediction.js';
import { interestSignalEvents, profileAnalysis1D, profileAnalysis2D, profileInterest1D } from '../../profile/profileAnalysis.js';
import type { LoadedAnalysis } from '../../experiments/loadAnalysis.js';
import type { AnalysisLikelihood } from '../../likelihood/buildAnalysisLikelihood.js';
import { polygonArea } from '../../profile/marchingSquares.js';
import { MAGNITUDE_LIMITS, SIZE_LIMITS } from '../../experiments/inputLimits.js';

/** Flags of `nuem profile` as commander delivers them. */
export interface ProfileFlags {
  param: string[];
  cl?: string;
  points?: string;
  json?: boolean;
}

function parseCl(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!(v >= MAGNITUDE_LIMITS.clMin && v <= MAGNITUDE_LIMITS.clMax)) throw new UserError('--cl', `"${raw}" is not a confidence level in [${MAGNITUDE_LIMITS.clMin}, ${MAGNITUDE_LIMITS.clMax}]`, 'give e.g. --cl 0.9');
  return v;
}

function parsePoints(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 5 || v > SIZE_LIMITS.profilePoints) throw new UserError('--points', `"${raw}" is not an integer in [5, ${SIZE_LIMITS.profilePoints}]`, 'give e.g. --points 121');
  return v;
}

const fmt = (x: number): string => x.toPrecision(4);

/**
 * Runs `nuem profile` (see the module doc).
 * @param id - analysis id (models/analyses/<id>.yaml) or path
 * @param flags - `--param` (repeatable), `--cl`, `--points`, `--json`
 * @returns nothing; prints the interval or region (or JSON)
 * @throws UserError for bad input (exit code 2)
 */
export function profileAction(id: string, flags: ProfileFlags): void {
  const cl = parseCl(flags.cl);
  const points = parsePoints(flags.points);
  const analysis = loadAnalysis(id);
  if (analysis.interest) {
    interestProfileAction(analysis, flags, cl, points);
    return;
  }
  const names = flags.param.length > 0 ? flags.param : analysis.physics.length <= 2 ? analysis.physics.map((p) => p.name) : [];
  if (names.length < 1 || names.length > 2) {
    throw new UserError('--param', `give one or two parameters (got ${names.length})`, `choose from ${analysis.physics.map((p) => p.name).join(', ')}`);
  }
  if (names.length === 2 && names[0] === names[1]) throw new UserError('--param', `${names[0]} given twice`, 'give two different parameters');
  if (names.length === 2 && points !== undefined && points > SIZE_LIMITS.profileGrid) {
    throw new UserError('--points', `${points} nodes per axis of a 2-D profile are more than the supported ${SIZE_LIMITS.profileGrid}`, 'give e.g. --points 41');
  }
  const lik = buildAnalysisLikelihood(analysis, forwardModelPrediction);
  const hash = modelHash(analysis);
  if (names.length === 1) {
    const r = profileAnalysis1D(lik, analysis, names[0]!, { ...(cl ? { cl } : {}), ...(points ? { points } : {}) });
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({ analysis: analysis.id, modelHash: hash, parameter: names[0], cl: r.cl, deltaChi2: r.deltaChi2, best: r.best, minima: r.minima, intervals: r.intervals, points: r.points }, null, 2)}\n`,
      );
      return;
    }
    const lines = [
      `${analysis.id}: profile of ${names[0]} (${(r.cl * 100).toFixed(1)}% CL, Δχ² = ${r.deltaChi2.toFixed(3)})`,
      `  best fit ${fmt(r.best.x)}  χ²_min = ${r.best.chi2.toFixed(3)}  (${r.minima.length} local minim${r.minima.length === 1 ? 'um' : 'a'}: ${r.minima.map((m) => `${fmt(m.x)} χ² ${m.chi2.toFixed(2)}`).join(', ')})`,
      ...r.intervals.map((i) => `  interval [${i.loOpen ? '≤' : ''}${fmt(i.lo)}, ${i.hiOpen ? '≥' : ''}${fmt(i.hi)}]${i.loOpen || i.hiOpen ? '  (reaches the scan boundary: widen scan)' : ''}`),
      ...analysis.spec.published.filter((p) => p.parameter === names[0]).map((p) => `  published [${fmt(p.interval[0])}, ${fmt(p.interval[1])}] (${p.source})`),
    ];
    process.stdout.write(`${sanitizeForTerminal(lines.join('\n'))}\n`);
    return;
  }
  const r = profileAnalysis2D(lik, analysis, [names[0]!, names[1]!], { ...(cl ? { cl } : {}), ...(points ? { nx: points, ny: points } : {}) });
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ analysis: analysis.id, modelHash: hash, parameters: names, cl: r.cl, deltaChi2: r.deltaChi2, level: r.level, best: r.best, touchesBoundary: r.touchesBoundary, polygons: r.polygons, evaluations: r.evaluations })}\n`,
    );
    return;
  }
  const xs = r.polygons.flat().map((p) => p[0]);
  const ys = r.polygons.flat().map((p) => p[1]);
  const lines = [
    `${analysis.id}: ${(r.cl * 100).toFixed(1)}% CL region of (${names[0]}, ${names[1]}) (Δχ² = ${r.deltaChi2.toFixed(3)})`,
    `  best fit (${fmt(r.best.x)}, ${fmt(r.best.y)})  χ²_min = ${r.best.chi2.toFixed(3)}`,
    `  ${r.polygons.length} polygon(s), total area ${fmt(r.polygons.reduce((s, p) => s + Math.abs(polygonArea(p)), 0))}`,
    xs.length > 0 ? `  extent ${names[0]} [${fmt(Math.min(...xs))}, ${fmt(Math.max(...xs))}], ${names[1]} [${fmt(Math.min(...ys))}, ${fmt(Math.max(...ys))}]` : '  empty region',
    r.touchesBoundary ? '  the region reaches the scan boundary: widen the scan ranges' : '',
    `  ${r.evaluations} χ² evaluations (use --json for the polygons)`,
  ].filter((l) => l !== '');
  process.stdout.write(`${sanitizeForTerminal(lines.join('\n'))}\n`);
}

/**
 * `nuem profile` of an SM fit (a nuisance with `interest: true`): the 1-D profile of that nuisance
 * (every other nuisance minimised, EM parameters fixed) and the fitted signal events at its best
 * fit and interval ends.
 */
function interestProfileAction(analysis: LoadedAnalysis, flags: ProfileFlags, cl: number | undefined, points: number | undefined): void {
  const it = analysis.interest!;
  if (flags.param.length > 1 || (flags.param.length === 1 && flags.param[0] !== it.name)) {
    throw new UserError('--param', `${flags.param.join(', ')}: the parameter of interest of ${analysis.id} is the nuisance ${it.name} (an SM fit)`, `give --param ${it.name} or leave --param out`);
  }
  const lik: AnalysisLikelihood = buildAnalysisLikelihood(analysis, forwardModelPrediction);
  const hash = modelHash(analysis);
  const r = profileInterest1D(lik, analysis, { ...(cl ? { cl } : {}), ...(points ? { points } : {}) });
  const events = (x: number): number[] => interestSignalEvents(lik, analysis, x).map((e) => e.events);
  const best = events(r.best.x);
  const ends = r.intervals.map((iv) => ({ lo: events(iv.lo), hi: events(iv.hi) }));
  const ids = lik.combined.models.map((m) => m.id);
  const signalEvents = ids.map((id, k) => ({ experiment: id, best: best[k]!, intervals: ends.map((e) => ({ lo: e.lo[k]!, hi: e.hi[k]! })) }));
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ analysis: analysis.id, modelHash: hash, parameter: it.name, interest: true, cl: r.cl, deltaChi2: r.deltaChi2, best: r.best, minima: r.minima, intervals: r.intervals, signalEvents, points: r.points }, null, 2)}\n`,
    );
    return;
  }
  const lines = [
    `${analysis.id}: profile of the parameter of interest ${it.name} (${(r.cl * 100).toFixed(1)}% CL, Δχ² = ${r.deltaChi2.toFixed(3)}; every other nuisance minimised)`,
    `  best fit ${fmt(r.best.x)}  χ²_min = ${r.best.chi2.toFixed(3)}`,
    ...r.intervals.map((i) => `  interval [${i.loOpen ? '≤' : ''}${fmt(i.lo)}, ${i.hiOpen ? '≥' : ''}${fmt(i.hi)}]${i.loOpen || i.hiOpen ? '  (reaches the scan boundary: widen scan)' : ''}`),
    ...signalEvents.map((e) => `  fitted signal events (${e.experiment}): ${fmt(e.best)}${e.intervals.map((iv) => `, interval [${fmt(iv.lo)}, ${fmt(iv.hi)}]`).join('')}`),
  ];
  process.stdout.write(`${sanitizeForTerminal(lines.join('\n'))}\n`);
}
