/**
 * `nuem reproduce coherent-combined [--json] [--no-write] [--no-contours]`: 90% CL intervals of
 * qee, qmumu, the (qee, qmumu) plane, the magnetic moments, the charge radii and sin²θ_W from
 * COHERENT CsI 2021 alone, CENNS-10 argon 2020 alone and both combined (analysis files
 * coherent2021-csi2d-* (CsI in PE × time), coherent-ar2020-*, coherent-csiar-* (both, with one shared
 * SNS flux nuisance)), with what the
 * combination gains (ratio of the best single-experiment width to the combined width).
 * No combined CsI + argon interval is published in the sources available to the project (De
 * Romeri et al., arXiv:2211.11905, abstract only), so `published` is null and `pass` is null.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../provenance.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { loadAnalysis } from '../../experiments/loadAnalysis.js';
import { forwardModelPrediction } from '../../likelihood/forwardModelPrediction.js';
import { reproduceAnalysis, type ContourRow, type IntervalRow } from '../../profile/reproduceAnalysis.js';
import { replaceGeneratedBlock } from './reproduceAction.js';

/** One parameter set: its analyses for CsI alone, argon alone, combined. */
export interface CombinedCase {
  /** label, e.g. `qee` or `qee, qmumu` */
  label: string;
  /** analysis ids: CsI alone, argon alone, combined */
  ids: [string, string, string];
}

/** The cases of the table (docs/reproduction.md, "CsI + argon"). */
export const COMBINED_CASES: readonly CombinedCase[] = Object.freeze([
  { label: 'qee', ids: ['coherent2021-csi2d-qee', 'coherent-ar2020-qee', 'coherent-csiar-qee'] },
  { label: 'qmumu', ids: ['coherent2021-csi2d-qmumu', 'coherent-ar2020-qmumu', 'coherent-csiar-qmumu'] },
  { label: 'qee, qmumu', ids: ['coherent2021-csi2d-qee-qmumu', 'coherent-ar2020-qee-qmumu', 'coherent-csiar-qee-qmumu'] },
  { label: 'mue', ids: ['coherent2021-csi2d-mue', 'coherent-ar2020-mue', 'coherent-csiar-mue'] },
  { label: 'mumu', ids: ['coherent2021-csi2d-mumu', 'coherent-ar2020-mumu', 'coherent-csiar-mumu'] },
  { label: 'r2e', ids: ['coherent2021-csi2d-r2e', 'coherent-ar2020-r2e', 'coherent-csiar-r2e'] },
  { label: 'r2mu', ids: ['coherent2021-csi2d-r2mu', 'coherent-ar2020-r2mu', 'coherent-csiar-r2mu'] },
  { label: 's2w', ids: ['coherent2021-csi2d-s2w', 'coherent-ar2020-s2w', 'coherent-csiar-s2w'] },
]);

/** One row of the combined table. */
export interface CombinedRow {
  /** parameter set and parameter */
  quantity: string;
  /** 90% CL intervals: CsI alone, argon alone, combined ([lo, hi]; the hull of the pieces) */
  csi: [number, number];
  argon: [number, number];
  combined: [number, number];
  /** the disjoint pieces of each set (CsI, argon, combined); 1-D cases only */
  pieces?: [Array<[number, number]>, Array<[number, number]>, Array<[number, number]>];
  /** total length of the narrower single-experiment set / total length of the combined one (1-D: sum of the pieces; plane: extent) */
  gain: number;
  /** any interval reaching its scan boundary */
  open: boolean;
  /** 2-D cases: areas of the 90% CL regions (CsI, argon, combined) */
  areas?: [number, number, number];
}

/**
 * Computes the table.
 *
 * @param contours - also compute the 2-D regions of the plane case (otherwise the plane is skipped)
 * @param log - progress sink
 * @returns one row per parameter (the plane: the region's extent along each axis)
 * @example combinedRows(false, () => {})[0].quantity // returns 'qee'
 */
export function combinedRows(contours: boolean, log: (s: string) => void): CombinedRow[] {
  const rows: CombinedRow[] = [];
  for (const c of COMBINED_CASES) {
    const params = loadAnalysis(c.ids[2]).physics.map((p) => p.name as string);
    // the plane needs the 2-D regions; without them it is skipped
    if (params.length > 1 && !contours) continue;
    const res = c.ids.map((id) => {
      log(`${id} …`);
      return reproduceAnalysis(loadAnalysis(id), forwardModelPrediction, { contours });
    });
    if (params.length > 1) {
      // 2-D: the extents of the 90% CL region along each axis, and its area
      const cs = res.map((r) => r.contours[0]!);
      params.forEach((p, axis) => {
        const ext = (r: ContourRow): [number, number] => (axis === 0 ? r.extentX : r.extentY);
        const w = (r: ContourRow): number => ext(r)[1] - ext(r)[0];
        rows.push({
          quantity: `${p} (extent of the 90% CL region of the plane ${c.label})`,
          csi: ext(cs[0]!),
          argon: ext(cs[1]!),
          combined: ext(cs[2]!),
          gain: Math.min(w(cs[0]!), w(cs[1]!)) / w(cs[2]!),
          open: cs.some((r) => r.touchesBoundary),
          areas: [cs[0]!.area, cs[1]!.area, cs[2]!.area],
        });
      });
      continue;
    }
    const p = params[0]!;
    const pick = (i: number): IntervalRow => res[i]!.intervals.find((r) => r.parameter === p)!;
    const [a, b, k] = [pick(0), pick(1), pick(2)];
    const w = (r: IntervalRow): number => r.pieces.reduce((acc, [lo, hi]) => acc + (hi - lo), 0);
    rows.push({ quantity: p, csi: a.ours, argon: b.ours, combined: k.ours, pieces: [a.pieces, b.pieces, k.pieces], gain: Math.min(w(a), w(b)) / w(k), open: a.open || b.open || k.open });
  }
  return rows;
}

const e = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));
const iv = (r: [number, number]): string => `[${e(r[0])}, ${e(r[1])}]`;
const ivs = (pieces: Array<[number, number]> | undefined, hull: [number, number]): string => (pieces && pieces.length > 0 ? pieces.map(iv).join(' ∪ ') : iv(hull));

/** Flags of `nuem reproduce coherent-combined`. */
export interface CombinedReproduceFlags {
  json?: boolean;
  write: boolean;
  contours: boolean;
}

/**
 * Runs `nuem reproduce coherent-combined`.
 *
 * @param flags - `--json`, `--no-write`, `--no-contours`
 * @returns nothing; prints the table (or JSON rows) and rewrites docs/reproduction.md unless --no-write
 */
export function reproduceCombinedAction(flags: CombinedReproduceFlags): void {
  const log = (s: string): void => {
    if (!flags.json) process.stderr.write(`${s}\n`);
  };
  const rows = combinedRows(flags.contours, log);
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify(
        rows.map((r) => ({
          quantity: `${r.quantity}: 90% CL, CsI + argon`,
          published: null,
          ours: r.combined,
          pass: null,
          csi: r.csi,
          argon: r.argon,
          ...(r.pieces ? { pieces: { csi: r.pieces[0], argon: r.pieces[1], combined: r.pieces[2] } } : {}),
          gain: r.gain,
          open: r.open,
          ...(r.areas ? { areas: r.areas } : {}),
        })),
        null,
        2,
      )}\n`,
    );
  }
  const table = [
    '| parameter | CsI 2021 (PE × time) alone | argon 2020 alone | CsI + argon (shared SNS flux) | gain (best single length / combined length) | reaches scan edge |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.quantity} | ${ivs(r.pieces?.[0], r.csi)} | ${ivs(r.pieces?.[1], r.argon)} | ${ivs(r.pieces?.[2], r.combined)} | ${r.gain.toFixed(2)} | ${r.open ? 'yes' : 'no'} |`),
  ];
  const areas = rows.filter((r) => r.areas);
  if (areas.length) table.push('', `90% CL region of (qee, qmumu), area in e²: CsI ${e(areas[0]!.areas![0])}, argon ${e(areas[0]!.areas![1])}, combined ${e(areas[0]!.areas![2])}.`);
  if (flags.write) {
    const file = resolve(PACKAGE_ROOT, 'docs', 'reproduction.md');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Reproduction of published results\n';
    const block = ['Generated by `nuem reproduce coherent-combined` (do not edit by hand). 90% CL intervals (profile likelihood, Δχ² = 2.71 per parameter).', '', ...table].join('\n');
    writeFileAtomic(file, replaceGeneratedBlock(text, 'coherent-combined', block), { fsync: false });
    log(`updated ${file}`);
  }
  if (!flags.json) process.stdout.write(`${table.join('\n')}\n`);
}
