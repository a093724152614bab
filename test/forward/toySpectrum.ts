/**
 * A toy spectrum with the same algebraic structure as the physics (spec §2.5–2.8): per flavour a
 * coherent amplitude (weak charge + millicharge and charge-radius shifts ∝ 1/T) squared, plus
 * incoherent transition-charge and magnetic-moment squares, and an electron channel whose
 * millicharge shift is ~10⁶ times larger. Used to test the forward-model machinery before and
 * independently of the reference path. Not physics: the weights are arbitrary smooth functions.
 */
import { FLAVORS, leptonOf, type EmParams, type Flavor } from '../../src/physics/parameters.js';
import type { SpectrumParts } from '../../src/forward/forwardModel.js';

const Z = 55;
const N = 78;

/**
 * Toy spectrum on `nBins` recoil bins (T_b = 5 + 2b keV).
 * @param p parameter point
 * @param nBins number of bins
 * @param channels channels to include
 */
export function toySpectrum(p: EmParams, nBins = 9, channels: readonly ('cevns' | 'electron')[] = ['cevns', 'electron']): SpectrumParts {
  const withCevns = channels.includes('cevns');
  const withElectron = channels.includes('electron');
  const byFlavor = {} as Record<Flavor, Float64Array>;
  const cevns = new Float64Array(nBins);
  const electron = new Float64Array(nBins);
  const expected = new Float64Array(nBins);
  for (const f of FLAVORS) {
    const l = leptonOf(f);
    const qdiag = l === 'e' ? p.qee : p.qmumu;
    const qtr = l === 'e' ? [p.qemu, p.qetau] : [p.qemu, p.qmutau];
    const mu = l === 'e' ? p.mue : p.mumu;
    const r2 = l === 'e' ? p.r2e : p.r2mu;
    const a = l === 'e' ? p.ae : p.amu;
    const arr = new Float64Array(nBins);
    for (let b = 0; b < nBins; b++) {
      const T = 5 + 2 * b;
      const w = 100 * Math.exp(-T / 15) * (f === 'numu' ? 1 : 0.7);
      const gp = 0.5 - 2 * p.s2w;
      const shift = (2.0e6 * 11 * qdiag) / T - 1.2e29 * (r2 - a / 6);
      const amp = Z * (gp + shift) - N / 2;
      let xs = amp * amp + Z * Z * qtr.reduce((s, q) => s + ((2.0e6 * 11 * q) / T) ** 2, 0) + Z * Z * 3e17 * mu * mu / T;
      xs *= w / 1400;
      if (withCevns) {
        arr[b] += xs;
        cevns[b] += xs;
      }
      if (withElectron) {
        const gV = (l === 'e' ? 0.5 : -0.5) + 2 * p.s2w;
        const e = 1e-5 * w * ((gV - (5e12 * qdiag) / T) ** 2 + qtr.reduce((s, q) => s + ((5e12 * q) / T) ** 2, 0) + 1e21 * mu * mu / T);
        arr[b] += e;
        electron[b] += e;
      }
      expected[b] += arr[b];
    }
    byFlavor[f] = arr;
  }
  return { expected, byFlavor, byChannel: { cevns, electron } };
}

