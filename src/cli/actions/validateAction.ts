/**
 * The action of `nuem validate`, loaded on demand by src/cli/commands/validate.ts.
 * `nuem validate <file> [--json]`: checks an experiment or analysis model file completely (kind
 * detected from the file) and prints OK with a summary, or the one-line error (exit code 2).
 * The work is in src/pipeline/validateModelFile.ts.
 */
import { relative } from 'node:path';
import { validateModelFile } from '../../pipeline/validateModelFile.js';
import { sanitizeForTerminal } from '../userError.js';

/**
 * Runs `nuem validate` (see the module doc).
 * @param file - model file (YAML or JSON)
 * @param flags - `--json`
 * @returns nothing; prints OK and a summary (or JSON)
 * @throws UserError for an invalid file (exit code 2)
 */
export function validateAction(file: string, flags: { json?: boolean }): void {
  const s = validateModelFile(file);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...s }, null, 2)}\n`);
    return;
  }
  const shown = relative(process.cwd(), s.file) || s.file;
  const lines =
    s.kind === 'experiment' && 'type' in s
      ? [`OK ${shown}: experiment ${s.id} (${s.title})`, `  type ${s.type}; nuisances ${s.nuisances.join(', ') || '(none)'}; ${s.dataFiles} data file(s)`]
      : s.kind === 'experiment'
      ? [
          `OK ${shown}: experiment ${s.id} (${s.title})`,
          `  channels ${s.channels.join(', ')}; ${s.bins} bins in ${s.unit}; observed data: ${s.observed ? 'yes' : 'no'}; background: ${s.background ? 'yes' : 'no'}`,
        ]
      : [
          `OK ${shown}: analysis ${s.id} (${s.title})`,
          `  experiments ${s.experiments.join(', ')}; likelihood ${s.likelihood}`,
          `  physics ${s.physics.map((p) => p.name).join(', ') || `(none; parameter of interest: nuisance ${s.interest ?? '?'})`}; nuisances ${s.nuisances.map((n) => `${n.name} (σ ${n.sigma}${n.sampled ? '' : ', pinned'})`).join(', ')}`,
          `  model hash ${s.modelHash.slice(0, 16)}…`,
        ];
  process.stdout.write(`${sanitizeForTerminal(lines.join('\n'))}\n`);
}
