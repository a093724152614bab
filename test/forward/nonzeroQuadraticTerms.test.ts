/**
 * nonzeroQuadraticTerms: the monomials allowed by the flavour structure (spec §2.5–2.8), checked
 * against sets written out by hand, and with an injected coupling function.
 */
import { describe, expect, it } from 'vitest';
import { nonzeroQuadraticTerms } from '../../src/forward/nonzeroQuadraticTerms.js';

describe('nonzeroQuadraticTerms(names, center)', () => {
  it('ESS five charges about 0: 1, qee, qmumu and the five squares; per-flavour masks; shapes (by hand from spec §2.5–2.6)', () => {
    const r = nonzeroQuadraticTerms(['qee', 'qmumu', 'qemu', 'qetau', 'qmutau'], [0, 0, 0, 0, 0]);
    expect(r.terms).toEqual([[], [0], [1], [0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
    // ν_e: qee (coherent), qemu, qetau (incoherent); ν_μ and ν̄_μ: qmumu, qemu, qmutau
    expect(r.byFlavor.nue).toEqual([true, true, false, true, false, true, true, false]);
    expect(r.byFlavor.numu).toEqual([true, false, true, false, true, true, false, true]);
    expect(r.byFlavor.numubar).toEqual(r.byFlavor.numu);
    expect(r.shapes).toEqual(['general', 'general', 'even', 'even', 'even']);
  });
  it('s2w pairs with every coherent parameter of each flavour, never across flavours; ν_τ properties are absent', () => {
    const r = nonzeroQuadraticTerms(['qee', 'amu', 's2w', 'qtautau'], [0, 0, 0.23857, 0]);
    expect(r.terms).toEqual([[], [0], [1], [2], [0, 0], [1, 1], [2, 2], [0, 2], [1, 2]]);
    expect(r.shapes[3]).toBe('absent');
  });
  it('an incoherent parameter expanded about a nonzero value keeps its linear term; an injected coupling is used', () => {
    expect(nonzeroQuadraticTerms(['mue'], [1e-10]).terms).toEqual([[], [0], [0, 0]]);
    const all = nonzeroQuadraticTerms(['qee', 'qmumu'], [0, 0], () => 'coherent');
    expect(all.terms).toHaveLength(6);
  });
});
