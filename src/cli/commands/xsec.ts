/**
 * `nuem xsec`: differential (with --recoil-keV) or total cross section of one flavour on one
 * target (nucleus or the electrons of an atom), SM plus EM parameters set with --set.
 * Options and help only; the physics is loaded when the verb runs (src/cli/actions/xsecAction.ts).
 */
import type { Command } from 'commander';
import { FLAVORS } from '../../physics/parameters.js';
import { NUCLEAR_TARGET_IDS } from '../../physics/nuclei/nuclearTarget.js';

/** Default lower recoil cut (keV) for totals when a millicharge or magnetic moment is non-zero (1/T², 1/T divergence). */
export const DEFAULT_DIVERGENT_TMIN_keV = 0.1;

const ELECTRON_TARGETS = ['electron:Cs', 'electron:I'] as const;
/** Targets `nuem xsec --target` accepts: nuclear target ids and `electron:<atom>`. */
export const XSEC_TARGETS = [...NUCLEAR_TARGET_IDS, ...ELECTRON_TARGETS] as readonly string[];
const TARGETS = XSEC_TARGETS;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Registers `nuem xsec` on `program`.
 *
 * @param program - the root commander program
 * @returns the new subcommand (so main can set its exit override)
 */
export function register(program: Command): Command {
  return program
    .command('xsec')
    .description(
      'Cross section of one neutrino flavour on a nucleus (CEvNS) or on the electrons of an atom: dσ/dT with --recoil-keV, ' +
        `otherwise σ = ∫ dσ/dT from --tmin-keV to T_max (default T_min: 0, or ${DEFAULT_DIVERGENT_TMIN_keV} keV when a millicharge or magnetic moment is set)`,
    )
    .requiredOption('--target <id>', `target: ${TARGETS.join(' | ')}`)
    .requiredOption('--flavor <f>', `flavour: ${FLAVORS.join(' | ')}`)
    .requiredOption('--enu-MeV <E>', 'neutrino energy in MeV')
    .option('--recoil-keV <T>', 'recoil energy in keV (nuclear recoil, or electron recoil for electron:* targets)')
    .option('--form-factor <name>', 'helm | klein-nystrand (nuclear targets)', 'helm')
    .option('--rn-fm <R>', 'Helm neutron rms radius in fm (default: ESS Table 1 value of the target)')
    .option('--tmin-keV <T>', 'lower recoil cut in keV for the total cross section')
    .option('--set <name=value>', 'EM parameter (repeatable): qee qmumu qtautau qemu qetau qmutau [e], mue mumu mutau [mu_B], r2e r2mu r2tau ae amu atau [cm^2], s2w', collect, [])
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem xsec --target Cs133 --flavor nue --enu-MeV 30 --recoil-keV 10
  $ nuem xsec --target Cs133 --flavor numu --enu-MeV 29.8 --set qmumu=1e-8 --json
Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (opts: Record<string, unknown>) => {
      const { xsecAction } = await import('../actions/xsecAction.js');
      xsecAction(opts);
    });
}
