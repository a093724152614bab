/**
 * Child process of the `nuem run` SIGKILL/resume test: runs the tiny default analysis with
 * runAnalysis and prints one stdout line per event (`progress <step>`, `note <text>`, `stage
 * <name>`, `done`), pausing briefly after each so the parent can kill it there.
 * Arguments: <analysis file> <output dir> <new|resume> [<runId>]; environment NUEM_RUN_CHILD_THREADS
 * (optional): worker threads of the run.
 */
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { tinyRunOptions } from './tinyRun.js';

const [file, out, mode, runId] = process.argv.slice(2) as [string, string, string, string | undefined];
const pause = (): void => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15) as unknown as void;
await runAnalysis(file, {
  ...tinyRunOptions(out),
  // NUEM_RUN_CHILD_THREADS: another thread layout (the tiny run's own is 0, this thread)
  ...(process.env.NUEM_RUN_CHILD_THREADS ? { threads: Number(process.env.NUEM_RUN_CHILD_THREADS) } : {}),
  ...(runId ? { runId } : {}),
  resume: mode === 'resume',
  onEvent: (e) => {
    if (e.kind === 'sampling') process.stdout.write(`progress ${Math.min(...e.ensembles.map((p) => p.iteration))}\n`);
    else if (e.kind === 'note') process.stdout.write(`note ${e.message}\n`);
    else process.stdout.write(`stage ${e.stage}\n`);
    pause();
  },
});
process.stdout.write('done\n');
