/**
 * parameterCoupling must describe exactly the terms the cross sections are built from
 * (reference implementation: cevnsTerms / electronTerms, physics spec §2.5–§2.8): a parameter is
 * coherent iff it has an amplitude (vector-coupling) coefficient, incoherent iff it has a squared
 * weight (transition charge or magnetic moment), none otherwise. Exact identity, no tolerance.
 */
import { describe, expect, it } from 'vitest';
import { cevnsTerms } from '../../../src/physics/crossSections/cevnsTerms.js';
import { electronTerms } from '../../../src/physics/crossSections/electronTerms.js';
import { parameterCoupling } from '../../../src/physics/electromagnetic/parameterCoupling.js';
import { defaultHelmConfig } from '../../../src/physics/nuclei/formFactor.js';
import { nuclearTarget } from '../../../src/physics/nuclei/nuclearTarget.js';
import { EM_PARAMETERS, FLAVORS } from '../../../src/physics/parameters.js';

const cs = nuclearTarget('Cs133').isotopes[0]!;

function kindOf(coherent: object, ...squares: object[]): (name: string) => string {
  return (name) => (name in coherent ? 'coherent' : squares.some((s) => name in s) ? 'incoherent' : 'none');
}

describe('parameterCoupling(flavor, name, channel)', () => {
  it('matches the amplitude coefficients and squared weights of cevnsTerms and electronTerms for every flavour and parameter (exact)', () => {
    for (const f of FLAVORS) {
      const nuc = cevnsTerms(cs, f, 10, defaultHelmConfig(55));
      const el = electronTerms('Ge', f, 10);
      const nucKind = kindOf(nuc.amplitude.coefficients, nuc.incoherentWeak, nuc.magnetic);
      const elKind = kindOf(el.vector.coefficients, el.incoherentWeak, el.magnetic);
      for (const { name } of EM_PARAMETERS) {
        expect(parameterCoupling(f, name, 'cevns'), `${f} ${name} cevns`).toBe(nucKind(name));
        expect(parameterCoupling(f, name, 'electron'), `${f} ${name} electron`).toBe(elKind(name));
      }
    }
  });

  it('spec §2.5–2.7 by hand: s2w coherent for all flavours; q_eμ incoherent on ν_e and ν̄_μ; q_μτ none on ν_e; ν_τ properties none', () => {
    for (const f of FLAVORS) expect(parameterCoupling(f, 's2w', 'electron')).toBe('coherent');
    expect(parameterCoupling('nue', 'qemu', 'cevns')).toBe('incoherent');
    expect(parameterCoupling('numubar', 'qemu', 'cevns')).toBe('incoherent');
    expect(parameterCoupling('nue', 'qmutau', 'cevns')).toBe('none');
    expect(parameterCoupling('numu', 'qee', 'cevns')).toBe('none');
    expect(parameterCoupling('numu', 'qmumu', 'cevns')).toBe('coherent');
    for (const f of FLAVORS) for (const n of ['qtautau', 'mutau', 'r2tau', 'atau'] as const) expect(parameterCoupling(f, n, 'cevns')).toBe('none');
  });
});
