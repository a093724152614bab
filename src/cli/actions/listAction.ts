/**
 * The action of `nuem list`, loaded on demand by src/cli/commands/list.ts.
 * `nuem list [experiments|analyses|parameters] [--json]`: the model catalogue (experiment and
 * analysis files in models/) and the EM parameters with their units.
 */
import { sanitizeForTerminal, UserError } from '../userError.js';
import { LIST_WHAT as WHAT } from '../commands/list.js';
import { join } from 'node:path';
import { modelCatalogue, type CatalogueEntry } from '../../pipeline/modelCatalogue.js';
import { userModelsDirs } from '../../experiments/modelsDirs.js';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

function entryRows(list: readonly CatalogueEntry[], analyses: boolean): string[] {
  const head = analyses ? ['id', 'parameters', 'experiments', 'title'] : ['id', 'file', 'title'];
  const rows = list.map((e) =>
    analyses
      ? [e.id, (e.parameters ?? []).join(','), (e.experiments ?? []).join(','), e.error ? `(unreadable: ${e.error})` : e.title]
      : [e.id, e.file, e.error ? `(unreadable: ${e.error})` : e.title],
  );
  return table([head, ...rows]).map((l) => `  ${l}`);
}

/**
 * Runs `nuem list` (see the module doc).
 * @param what - one of {@link LIST_WHAT}
 * @param flags - `--json`
 * @returns nothing; prints the catalogue (or JSON)
 * @throws UserError for an unknown list (exit code 2)
 */
export function listAction(what: string, flags: { json?: boolean }): void {
  if (!(WHAT as readonly string[]).includes(what)) throw new UserError(`list ${what}`, `unknown list "${what}"`, `use one of ${WHAT.join(', ')}`);
  const cat = modelCatalogue();
  const pick = {
    ...(what === 'all' || what === 'experiments' ? { experiments: cat.experiments } : {}),
    ...(what === 'all' || what === 'analyses' ? { analyses: cat.analyses } : {}),
    ...(what === 'all' || what === 'parameters' ? { parameters: cat.parameters } : {}),
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(pick, null, 2)}\n`);
    return;
  }
  const out: string[] = [];
  const dirs = (sub: string): string => [...userModelsDirs().map((d) => join(d, sub)), `models/${sub}`].join(', ');
  if (pick.experiments) out.push(`experiments (${pick.experiments.length}, ${dirs('experiments')}):`, ...entryRows(pick.experiments, false), '');
  if (pick.analyses) out.push(`analyses (${pick.analyses.length}, ${dirs('analyses')}):`, ...entryRows(pick.analyses, true), '');
  if (pick.parameters) {
    out.push(
      'parameters (EM parameters; nuisances are declared per experiment: alpha and beta of detector-response experiments, the nuisances: list of typed ones):',
      ...table([['name', 'unit', 'description'], ...pick.parameters.map((p) => [p.name, p.unit, p.description])]).map((l) => `  ${l}`),
      '',
    );
  }
  process.stdout.write(sanitizeForTerminal(out.join('\n')));
}
