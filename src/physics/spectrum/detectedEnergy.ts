/**
 * Mapping of a true recoil energy to the energy the detector measures on its own axis before
 * smearing: nuclear recoils are quenched (E_ee = f_q(T)·T), electron recoils are not
 * (E_ee = T_e; docs/physics.md §6 "Electron recoils in CsI are not quenched").
 */
import { quenchedEnergy_keVee } from '../detectors/quenchedEnergy.js';
import type { Channel, Experiment } from './experiment.js';

/**
 * Energy deposited on the detector's axis (keVee for the COHERENT gamma response and for keVee
 * Gaussian axes, keVnr for keVnr axes).
 *
 * @param exp - experiment
 * @param channel - 'cevns' or 'electron'
 * @param recoil_keV - true recoil energy (keVnr for nuclei, keV for electrons)
 * @returns the unsmeared measured energy (keV on the experiment's axis; 0 means no signal)
 * @example detectedEnergy_keV(coherent, 'cevns', 10) // returns ~0.8820 (keVee)
 * Reference: docs/physics.md §6, §D.1.
 */
export function detectedEnergy_keV(exp: Experiment, channel: Channel, recoil_keV: number): number {
  if (channel === 'electron') return recoil_keV;
  const r = exp.response;
  if (r.type === 'coherent-csi-gamma') return quenchedEnergy_keVee(recoil_keV, r.quenching);
  if (r.type === 'matrix') return recoil_keV;
  return r.nuclearQuenching ? quenchedEnergy_keVee(recoil_keV, r.nuclearQuenching) : recoil_keV;
}
