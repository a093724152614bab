/**
 * `nuem validate <file> [--json]`: checks an experiment or analysis model file completely (kind
 * detected from the file) and prints OK with a summary, or the one-line error (exit code 2).
 * Commander wiring only; the work is in src/pipeline/validateModelFile.ts.
 */
import type { Command } from 'commander';
import { relative } from 'node:path';
import { validateModelFile } from '../../pipeline/validateModelFile.js';

/** Registers `nuem validate` on `program`. */
export function register(program: Command): Command {
  return program
    .command('validate')
    .description('validate an experiment or analysis model file (schema, units, data files, cross-file rules)')
    .argument('<file>', 'model file (YAML or JSON) with kind: experiment or kind: analysis')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem validate models/analyses/default.yaml
  $ nuem validate models/experiments/ess-ge.yaml --json
Exit codes: 0 valid, 2 invalid (one line naming the file, the path inside it and a fix).`,
    )
    .action((file: string, flags: { json?: boolean }) => {
      const s = validateModelFile(file);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ ok: true, ...s }, null, 2)}\n`);
        return;
      }
      const shown = relative(process.cwd(), s.file) || s.file;
      const lines =
        s.kind === 'experiment'
          ? [
              `OK ${shown}: experiment ${s.id} (${s.title})`,
              `  channels ${s.channels.join(', ')}; ${s.bins} bins in ${s.unit}; observed data: ${s.observed ? 'yes' : 'no'}; background: ${s.background ? 'yes' : 'no'}`,
            ]
          : [
              `OK ${shown}: analysis ${s.id} (${s.title})`,
              `  experiments ${s.experiments.join(', ')}; likelihood ${s.likelihood}`,
              `  physics ${s.physics.map((p) => p.name).join(', ')}; nuisances ${s.nuisances.map((n) => `${n.name} (σ ${n.sigma}${n.sampled ? '' : ', pinned'})`).join(', ')}`,
              `  model hash ${s.modelHash.slice(0, 16)}…`,
            ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
