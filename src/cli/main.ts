#!/usr/bin/env node
/**
 * The `nuem` command line: commander wiring only. Each verb lives in `./commands/<verb>.ts`
 * and exports `register(program)`. Exit codes: 0 ok, 1 failure, 2 bad input.
 */
import { Command, CommanderError } from 'commander';
import { isUserError } from './userError.js';
import { CODE_VERSION } from '../provenance.js';
import { register as registerXsec } from './commands/xsec.js';
import { register as registerSpectrum } from './commands/spectrum.js';
import { register as registerSample } from './commands/sample.js';
import { register as registerProfile } from './commands/profile.js';
import { register as registerReproduce } from './commands/reproduce.js';
import { register as registerReport } from './commands/report.js';
import { register as registerRun } from './commands/run.js';
import { register as registerList } from './commands/list.js';
import { register as registerValidate } from './commands/validate.js';
import { register as registerToys } from './commands/toys.js';
import { register as registerExport } from './commands/export.js';

/** Text after the root `nuem --help`: a first session and the exit codes every verb uses. */
export const ROOT_HELP = `
Examples:
  $ nuem list analyses                               # analysis ids
  $ nuem validate models/analyses/default.yaml       # check a model file
  $ nuem xsec --target Cs133 --flavor nue --enu-MeV 30 --recoil-keV 10
  $ nuem run default                                 # profiles, chains until converged, HTML report
  $ nuem export chains/default/seed20240916.e*.h5 --to arviz --out default.nc
  $ nuem <verb> --help                               # options and examples of a verb
Every verb that prints a result accepts --json (one JSON document on stdout).

Exit codes:
  0  success
  1  failure inside nuem (a bug or an unexpected I/O error; the message carries a stack trace)
  2  bad input: unknown verb or option, invalid model file or option value; one line
     "nuem: <where>: <what>. Fix: <fix>" on stderr, and nothing is written`;

/**
 * Builds the commander program with every verb registered.
 *
 * @returns the program, with `exitOverride` set so errors come back as exceptions
 */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('nuem')
    .description('Neutrino electromagnetic properties from CEvNS and neutrino-electron scattering at spallation sources')
    .version(CODE_VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', ROOT_HELP);
  for (const reg of [
    registerXsec,
    registerSpectrum,
    registerSample,
    registerProfile,
    registerReproduce,
    registerReport,
    registerRun,
    registerList,
    registerValidate,
    registerToys,
    registerExport,
  ]) {
    const cmd = reg(program);
    cmd.exitOverride();
  }
  return program;
}

/**
 * Runs the CLI and maps failures to exit codes (0 ok, 1 failure, 2 bad input).
 *
 * @param argv - arguments as in `process.argv` (node path, script path, then the user's words)
 * @returns the exit code
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed a one-line message
    }
    if (isUserError(e)) {
      process.stderr.write(`nuem: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`nuem: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

const invokedDirectly = (() => {
  const arg = process.argv[1] ?? '';
  return /(^|[\\/])main\.(js|ts)$/.test(arg) || /(^|[\\/])nuem$/.test(arg);
})();
if (invokedDirectly) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
