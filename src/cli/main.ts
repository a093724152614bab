#!/usr/bin/env node
/**
 * The `nuem` command line: commander wiring only. Each verb lives in `./commands/<verb>.ts`
 * and exports `register(program)`. Exit codes: 0 ok, 1 failure, 2 bad input.
 */
import { Command, CommanderError } from 'commander';
import { isUserError, oneLineUserMessage, sanitizeForTerminal } from './userError.js';
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
import { register as registerCompletion } from './commands/completion.js';
import { NotConvergedError } from './exitCodes.js';

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
     "nuem: <where>: <what>. Fix: <fix>" on stderr, and nothing is written
  3  nuem run --strict: the run did not converge (chains and report are written)
A model file given as - is read from standard input (validate, run, profile, spectrum).
Output cut short by a closed pipe (nuem list | head -1) ends quietly.
Shell completion: source <(nuem completion bash), or nuem completion zsh.`;

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
    // commander's own messages (unknown option, missing argument, …) are reformatted by main()
    // into the one-line `nuem: <where>: <what>. Fix: <how>` form; nothing is printed here
    .configureOutput({ outputError: () => {} })
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
    registerCompletion,
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
  // `nuem help <verb>` for a verb that does not exist is bad input, not the root help
  if (argv[2] === 'help' && argv[3] !== undefined && !argv[3].startsWith('-') && !program.commands.some((c) => c.name() === argv[3])) {
    const verbs = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
    process.stderr.write(`nuem: ${sanitizeForTerminal(argv[3])}: unknown command. Fix: use one of ${verbs.join(', ')} (nuem --help)\n`);
    return 2;
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      process.stderr.write(`${commanderErrorLine(e, argv)}\n`);
      return 2;
    }
    if (isUserError(e)) {
      process.stderr.write(`nuem: ${oneLineUserMessage(e)}\n`);
      return 2;
    }
    if (e instanceof NotConvergedError) {
      process.stderr.write(`nuem: ${sanitizeForTerminal(e.message)}\n`);
      return e.exitCode;
    }
    const env = environmentErrorLine(e);
    if (env) {
      process.stderr.write(`nuem: ${env}\n`);
      return 2;
    }
    process.stderr.write(`nuem: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

/**
 * One line in the house format for an error commander raised while parsing the command line.
 *
 * @param e - commander's error (its message is `error: unknown option '--x'` and the like)
 * @param argv - the process arguments (to name the verb in the fix)
 * @returns `nuem: <verb or option>: <what>. Fix: <how>`
 */
export function commanderErrorLine(e: CommanderError, argv: readonly string[]): string {
  const what = sanitizeForTerminal(e.message.replace(/^error:\s*/i, '').split('\n')[0]!.trim()).replace(/\.$/, '');
  const verbs = ['xsec', 'spectrum', 'sample', 'profile', 'reproduce', 'report', 'run', 'list', 'validate', 'toys', 'export', 'completion'];
  const verb = argv.slice(2).find((a) => verbs.includes(a));
  const quoted = /'([^']+)'/.exec(what)?.[1];
  const where = quoted ? sanitizeForTerminal(quoted) : verb ? `nuem ${verb}` : 'nuem';
  let fix: string;
  switch (e.code) {
    case 'commander.unknownCommand':
      fix = `use one of ${verbs.join(', ')} (nuem --help)`;
      break;
    case 'commander.unknownOption':
      fix = `drop it or check its spelling (nuem ${verb ?? ''} --help lists the options)`.replace('  ', ' ');
      break;
    case 'commander.optionMissingArgument':
      fix = `give a value after the option (nuem ${verb ?? ''} --help)`.replace('  ', ' ');
      break;
    case 'commander.missingArgument':
      fix = `give it after the verb (nuem ${verb ?? ''} --help)`.replace('  ', ' ');
      break;
    case 'commander.excessArguments':
      fix = `remove the extra words (nuem ${verb ?? ''} --help)`.replace('  ', ' ');
      break;
    default:
      fix = `see nuem ${verb ?? ''} --help`.replace('  ', ' ');
  }
  return `nuem: ${where}: ${what}. Fix: ${fix}`;
}

/**
 * One line for failures of the machine rather than of nuem: a full disk, a file system that
 * became read-only, too many open files. Not a stack trace: the user can act on them.
 *
 * @param e - anything thrown
 * @returns the line (without `nuem: `), or null when `e` is not such a failure
 */
export function environmentErrorLine(e: unknown): string | null {
  const text = e instanceof Error ? `${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}` : String(e);
  const path = e instanceof Error && typeof (e as NodeJS.ErrnoException).path === 'string' ? `${(e as NodeJS.ErrnoException).path}: ` : '';
  if (/ENOSPC|no space left/i.test(text)) {
    return sanitizeForTerminal(`${path}the disk is full (no space left on the device)`) + '. Fix: free disk space, then rerun (a chain resumes with --resume from its last checkpoint)';
  }
  if (/EROFS|read-only file system/i.test(text)) return sanitizeForTerminal(`${path}the file system is read-only`) + '. Fix: choose an output directory on a writable file system';
  if (/EMFILE|ENFILE/.test(text)) return sanitizeForTerminal(`${path}too many open files`) + '. Fix: raise the open-file limit (ulimit -n) or run fewer jobs at once';
  if (/EDQUOT/.test(text)) return sanitizeForTerminal(`${path}the disk quota is exhausted`) + '. Fix: free space within your quota, then rerun';
  return null;
}

const invokedDirectly = (() => {
  const arg = process.argv[1] ?? '';
  return /(^|[\\/])main\.(js|ts)$/.test(arg) || /(^|[\\/])nuem$/.test(arg);
})();
/**
 * Makes a closed pipe end the process quietly: `nuem list | head -1` closes nuem's stdout early;
 * the next write fails with EPIPE, which is not an error of nuem (exit 0, no message), as for the
 * usual Unix tools that die silently of SIGPIPE.
 *
 * @param streams - the output streams to guard (default stdout and stderr)
 * @returns nothing
 */
export function exitQuietlyOnBrokenPipe(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const s of streams) {
    s.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(0);
      throw err;
    });
  }
}

if (invokedDirectly) {
  exitQuietlyOnBrokenPipe();
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
