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

function tauText(p: EnsembleProgress): string {
  return p.tau ? Math.max(...p.tau).toFixed(1) : '-';
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
      if (tty) {
        if (!multi) {
          multi = new cliProgress.MultiBar(
            { format: 'ensemble {ens} [{bar}] {value}/{total} steps | tau {tau} | acceptance {acc}', stream, hideCursor: false, clearOnComplete: false },
            cliProgress.Presets.legacy,
          );
          bars = e.ensembles.map((p) => multi!.create(p.maxSteps, p.iteration, { ens: p.ensemble, tau: '-', acc: '-' }));
        }
        e.ensembles.forEach((p, k) => bars[k]?.update(p.iteration, { tau: tauText(p), acc: p.meanAcceptance.toFixed(3) }));
        return;
      }
      const now = performance.now();
      if (now - lastLine < interval) return;
      lastLine = now;
      const parts = e.ensembles.map((p) => `e${p.ensemble} ${p.iteration}/${p.maxSteps} (tau ${tauText(p)}, acc ${p.meanAcceptance.toFixed(2)})`);
      line(`[${elapsed()}] sampling: ${parts.join(' | ')}`);
    },
    stop(): void {
      if (multi) multi.stop();
      multi = null;
    },
  };
}
