/**
 * Progress display of `nuem run` on stderr: in a terminal, one cli-progress bar per ensemble
 * (ASCII legacy preset) with stage messages logged above them; otherwise (CI logs, pipes) plain
 * lines — every stage, and a sampling line at most every `intervalMs` (default 5 s).
 * @module
 */
import cliProgress from 'cli-progress';
import type { RunEvent } from './runAnalysis.js';
import type { EnsembleProgress } from './ensembleTask.js';

/** Options of {@link createRunProgress}. */
export interface RunProgressOptions {
  /** output stream (default process.stderr) */
  stream?: NodeJS.WriteStream;
  /** force bars (true) or plain lines (false); default: bars when the stream is a TTY */
  tty?: boolean;
  /** minimum time between plain sampling lines in ms (default 5000) */
  intervalMs?: number;
}

/** A progress sink: feed it run events, stop it at the end. */
export interface RunProgress {
  onEvent(e: RunEvent): void;
  stop(): void;
}

/**
 * Estimated time left in sampling, from the step rate measured since the first progress event
 * (the slowest ensemble decides). With the τ rule the target is N = factor·max τ (the current
 * estimate; τ and R̂ can still move it), capped by the step limit; otherwise the step limit.
 *
 * @param first - time (ms) and iteration of each ensemble at its first progress event
 * @param now_ms - current time (ms)
 * @param ensembles - current progress
 * @returns e.g. `ETA ~12 s (N > 50τ ≈ 3120 steps)` or `ETA ≤ 40 s (step cap)`, or '' before a rate is known
 */
export function etaText(first: ReadonlyMap<number, { t: number; iteration: number }>, now_ms: number, ensembles: readonly EnsembleProgress[]): string {
  let worst = -1;
  let why = '';
  for (const p of ensembles) {
    const f = first.get(p.ensemble);
    if (!f || !(now_ms > f.t) || !(p.iteration > f.iteration)) return '';
    const rate = (p.iteration - f.iteration) / (now_ms - f.t); // steps per ms
    const tauMax = latestTauMax(p);
    const byTau = p.tauFactor !== undefined && Number.isFinite(tauMax) ? Math.ceil(p.tauFactor * tauMax) : Infinity;
    const target = Math.max(p.iteration, Math.min(p.maxSteps, byTau));
    const left = (target - p.iteration) / rate;
    if (left > worst) {
      worst = left;
      why = byTau < p.maxSteps ? `N > ${p.tauFactor}τ ≈ ${target} steps` : 'step cap';
    }
  }
  if (worst < 0) return '';
  if (worst === 0) return why === 'step cap' ? 'at the step cap' : `${why.replace(' ≈', ' at')} by the latest τ; τ stability and R̂ decide`;
  const s = worst / 1000;
  const t = s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
  return why === 'step cap' ? `ETA ≤ ${t} (step cap)` : `ETA ~${t} (${why})`;
}

/** Largest τ the ensemble has computed so far (the monitor leaves NaN where it needed none), NaN if none. */
function latestTauMax(p: EnsembleProgress): number {
  const known = (p.tau ?? []).filter((v) => Number.isFinite(v));
  return known.length ? Math.max(...known) : NaN;
}

function tauText(p: EnsembleProgress): string {
  const m = latestTauMax(p);
  return Number.isFinite(m) ? m.toFixed(1) : '-';
}

/**
 * @param opts - stream, TTY mode, interval
 * @returns the progress sink
 */
export function createRunProgress(opts: RunProgressOptions = {}): RunProgress {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? stream.isTTY === true;
  const interval = opts.intervalMs ?? 5000;
  let multi: cliProgress.MultiBar | null = null;
  let bars: cliProgress.SingleBar[] = [];
  let lastLine = -Infinity;
  const started = performance.now();
  const first = new Map<number, { t: number; iteration: number }>();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const line = (text: string): void => {
    if (multi) multi.log(`${text}\n`);
    else stream.write(`${text}\n`);
  };
  return {
    onEvent(e: RunEvent): void {
      if (e.kind === 'stage' || e.kind === 'note') {
        if (e.kind === 'stage' && e.stage !== 'sample' && multi) {
          multi.stop();
          multi = null;
        }
        line(`[${elapsed()}] ${e.message}`);
        return;
      }
      const now = performance.now();
      for (const p of e.ensembles) if (!first.has(p.ensemble)) first.set(p.ensemble, { t: now, iteration: p.iteration });
      const eta = etaText(first, now, e.ensembles);
      if (tty) {
        if (!multi) {
          multi = new cliProgress.MultiBar(
            { format: 'ensemble {ens} [{bar}] {value}/{total} steps | tau {tau} | acceptance {acc} | {eta}', stream, hideCursor: false, clearOnComplete: false },
            cliProgress.Presets.legacy,
          );
          bars = e.ensembles.map((p) => multi!.create(p.maxSteps, p.iteration, { ens: p.ensemble, tau: '-', acc: '-', eta: '' }));
        }
        e.ensembles.forEach((p, k) => bars[k]?.update(p.iteration, { tau: tauText(p), acc: p.meanAcceptance.toFixed(3), eta }));
        return;
      }
      if (now - lastLine < interval) return;
      lastLine = now;
      const parts = e.ensembles.map((p) => `e${p.ensemble} ${p.iteration}/${p.maxSteps} (tau ${tauText(p)}, acc ${p.meanAcceptance.toFixed(2)})`);
      line(`[${elapsed()}] sampling: ${parts.join(' | ')}${eta ? ` | ${eta}` : ''}`);
    },
    stop(): void {
      if (multi) multi.stop();
      multi = null;
    },
  };
}
