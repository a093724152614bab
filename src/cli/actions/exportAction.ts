/**
 * The action of `nuem export`, loaded on demand by src/cli/commands/export.ts: checks every flag
 * and every chain file before anything is written, refuses to replace existing files without
 * `--force`, then writes each output to a temporary file next to it and renames it into place
 * (src/util/atomicWrite.ts), so an interrupted export leaves no half-written file.
 */
import { existsSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../userError.js';
import { parseNamesFlag } from './reportAction.js';
import { readChain } from '../../sampler/backends/readChain.js';
import { exportData, type StepChoice } from '../../export/exportData.js';
import { drawsCsv, getdistFiles, summaryCsv } from '../../export/textFormats.js';
import { checkArvizNames, writeArviz } from '../../export/writeArviz.js';
import { codeProvenance } from '../../provenance.js';

/** Flags of `nuem export` as commander delivers them. */
export interface ExportFlags {
  to?: string;
  out?: string;
  discard: string;
  thin: string;
  prob: string;
  names?: string;
  force?: boolean;
  json?: boolean;
}

const FORMATS = ['arviz', 'getdist', 'csv'] as const;
type Format = (typeof FORMATS)[number];

function stepFlag(v: string, flag: string): StepChoice {
  if (v === 'auto') return 'auto';
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n)) throw new UserError(flag, `must be "auto" or an integer, got "${v}"`, `pass e.g. ${flag} auto`);
  return n;
}

/**
 * Writes every file to a temporary file next to it, and only when all are complete renames them
 * into place (rename(2) is atomic): a failure leaves the previous files untouched and no temporary
 * file behind.
 *
 * @param files - contents by destination path
 */
function writeAllOrNothing(files: ReadonlyMap<string, string>): void {
  const temps: [string, string][] = [];
  try {
    for (const [path, text] of files) {
      const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
      temps.push([tmp, path]);
      writeFileSync(tmp, text);
    }
  } catch (e) {
    for (const [tmp] of temps) {
      try {
        unlinkSync(tmp);
      } catch {
        /* not created */
      }
    }
    throw e;
  }
  for (const [tmp, path] of temps) renameSync(tmp, path);
}

/**
 * The files a format writes for `--out`.
 *
 * @param format - arviz, getdist or csv
 * @param out - the `--out` value
 * @param nFiles - chain files exported (GetDist: one chain file each)
 * @returns destination paths
 */
export function exportTargets(format: Format, out: string, nFiles: number): string[] {
  if (format === 'arviz') return [out];
  if (format === 'csv') {
    const prefix = out.replace(/\.csv$/i, '');
    return [`${prefix}.draws.csv`, `${prefix}.summary.csv`];
  }
  const root = out.replace(/\.txt$/i, '');
  return [...(nFiles === 1 ? [`${root}.txt`] : Array.from({ length: nFiles }, (_, i) => `${root}_${i + 1}.txt`)), `${root}.paramnames`, `${root}.ranges`];
}

/**
 * Runs `nuem export` (see the module doc).
 *
 * @param chainPaths - chain files (HDF5, emcee layout)
 * @param o - the command-line flags
 * @returns when every file is written; prints their paths (or a JSON document with `--json`)
 * @throws UserError for bad input (exit code 2), before anything is written
 */
export async function exportAction(chainPaths: string[], o: ExportFlags): Promise<void> {
  if (o.to === undefined) throw new UserError('--to', 'is missing', 'pass --to arviz, --to getdist or --to csv');
  if (!(FORMATS as readonly string[]).includes(o.to)) throw new UserError('--to', `"${o.to}" is not a format`, 'pass --to arviz, --to getdist or --to csv');
  const format = o.to as Format;
  if (o.out === undefined || o.out.trim() === '') throw new UserError('--out', 'is missing', format === 'arviz' ? 'pass e.g. --out posterior.nc' : format === 'getdist' ? 'pass a root, e.g. --out getdist/run1' : 'pass a prefix, e.g. --out tables/run1');
  const prob = Number(o.prob);
  if (!(prob > 0 && prob < 1)) throw new UserError('--prob', `must be in (0, 1), got "${o.prob}"`, 'pass e.g. --prob 0.9');
  const discard = stepFlag(o.discard, '--discard');
  const thin = stepFlag(o.thin, '--thin');
  const out = o.out;
  if (existsSync(out) && statSync(out).isDirectory() && format === 'arviz') throw new UserError(out, 'is a directory', 'pass a file name, e.g. --out posterior.nc');

  const chains = [];
  for (const p of chainPaths) chains.push(await readChain(p));
  if (o.names !== undefined) {
    for (let i = 0; i < chains.length; i++) {
      const c = chains[i]!;
      if (c.ndim !== chains[0]!.ndim) throw new UserError(chainPaths[i]!, `has ${c.ndim} parameters, ${chainPaths[0]} has ${chains[0]!.ndim}`, 'export chains of the same parameters together');
      const names = parseNamesFlag(o.names, c.ndim);
      const defaultLabels = c.parameterLabels.every((l, d) => l === c.parameterNames[d]);
      c.parameterNames = [...names];
      if (defaultLabels) c.parameterLabels = [...names];
    }
  }
  const data = exportData(chains, { paths: chainPaths, discard, thin, prob });
  if (format === 'arviz') checkArvizNames(data);

  const targets = exportTargets(format, out, chains.length);
  const inputs = new Set(chainPaths.flatMap((p) => [resolve(p), resolve(`${p}.json`)]));
  const onInput = targets.find((t) => inputs.has(resolve(t)));
  if (onInput) throw new UserError(onInput, 'is one of the chain files being exported (or its sidecar)', 'choose another --out');
  const existing = targets.filter((t) => existsSync(t));
  if (existing.length > 0 && !o.force) throw new UserError(existing[0]!, 'exists', 'add --force to replace it, or choose another --out');
  for (const t of targets) if (existsSync(t) && statSync(t).isDirectory()) throw new UserError(t, 'is a directory', 'choose another --out');
  const dir = dirname(resolve(targets[0]!));
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(dir, 'is not a directory', 'choose another --out');
  mkdirSync(dir, { recursive: true });

  for (const n of data.notes) process.stderr.write(`nuem export: ${n}\n`);
  const code = codeProvenance();
  let layout: { nChains: number; nDraws: number } | undefined;
  if (format === 'arviz') {
    layout = await writeArviz(data, out, { codeVersion: code.version, gitCommit: code.commit, createdAt: new Date().toISOString() });
  } else {
    const files = format === 'csv' ? new Map([[targets[0]!, drawsCsv(data)], [targets[1]!, summaryCsv(data)]]) : getdistFiles(data, out.replace(/\.txt$/i, ''));
    writeAllOrNothing(files);
  }
  const nDraws = data.summary.nDraws;
  if (o.json) {
    process.stdout.write(
      `${JSON.stringify({ files: targets, format, discard: data.discard, thin: data.thin, draws: nDraws, ...(layout ? { chains: layout.nChains, drawsPerChain: layout.nDraws } : {}), parameters: data.parameters.map((p) => p.name) })}\n`,
    );
  } else {
    process.stdout.write(`${targets.join('\n')}\n`);
    process.stderr.write(`nuem export: ${data.discardRule}; ${nDraws} draws from ${chains.length} file(s)${layout ? `; ArviZ grid ${layout.nChains} chains × ${layout.nDraws} draws` : ''}\n`);
  }
}
