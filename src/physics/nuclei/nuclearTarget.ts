/**
 * The nuclear targets: 133Cs, 127I, natural Xe, natural Ge, 40Ar, natural Ar.
 *
 * Atomic masses: AME2020 (Wang et al., Chin. Phys. C 45 (2021) 030003), as tabulated by NIST
 * "Atomic Weights and Isotopic Compositions". Abundances: IUPAC/CIAAW representative isotopic
 * compositions (Meija et al., Pure Appl. Chem. 88 (2016) 293), as tabulated by NIST. The ESS
 * paper does not state whether Xe and Ge are natural or enriched (docs/physics.md §D.2 [MISSING]);
 * natural composition is our documented default. Abundances are renormalised to sum to exactly 1.
 */
import { makeIsotope, type Isotope } from './isotope.js';

/** Identifiers of the nuclear targets. */
export type NuclearTargetId = 'Cs133' | 'I127' | 'Xe' | 'Ge' | 'Ar40' | 'Ar';

/** All nuclear target ids. */
export const NUCLEAR_TARGET_IDS: readonly NuclearTargetId[] = Object.freeze(['Cs133', 'I127', 'Xe', 'Ge', 'Ar40', 'Ar'] as NuclearTargetId[]);

/** A nuclear target: its isotopes with abundances summing to 1. */
export interface NuclearTarget {
  /** Target id. */
  id: NuclearTargetId;
  /** Isotopes (abundance = number fraction). */
  isotopes: Isotope[];
}

/** [A, atomic mass in u, abundance] per isotope. */
type Row = [number, number, number];

const TABLE: Record<NuclearTargetId, { Z: number; rows: Row[] }> = {
  Cs133: { Z: 55, rows: [[133, 132.905451961, 1]] },
  I127: { Z: 53, rows: [[127, 126.9044719, 1]] },
  Xe: {
    Z: 54,
    rows: [
      [124, 123.905892, 0.000952],
      [126, 125.9042983, 0.00089],
      [128, 127.903531, 0.019102],
      [129, 128.9047808611, 0.264006],
      [130, 129.903509349, 0.04071],
      [131, 130.90508406, 0.212324],
      [132, 131.9041550856, 0.269086],
      [134, 133.90539466, 0.104357],
      [136, 135.907214484, 0.088573],
    ],
  },
  Ge: {
    Z: 32,
    rows: [
      [70, 69.92424875, 0.2057],
      [72, 71.922075826, 0.2745],
      [73, 72.923458956, 0.0775],
      [74, 73.921177761, 0.365],
      [76, 75.921402726, 0.0773],
    ],
  },
  Ar40: { Z: 18, rows: [[40, 39.9623831237, 1]] },
  Ar: {
    Z: 18,
    rows: [
      [36, 35.967545105, 0.003336],
      [38, 37.96273211, 0.000629],
      [40, 39.9623831237, 0.996035],
    ],
  },
};

/**
 * The isotopes of a nuclear target.
 * @param id - target id
 * @returns the target with isotopes; abundances sum to 1
 */
export function nuclearTarget(id: NuclearTargetId): NuclearTarget {
  const t = TABLE[id];
  if (!t) throw new RangeError(`nuclearTarget: unknown target ${String(id)}`);
  const total = t.rows.reduce((s, r) => s + r[2], 0);
  return { id, isotopes: t.rows.map(([A, m, f]) => makeIsotope(t.Z, A, m, f / total)) };
}

/**
 * Abundance-weighted mean nuclear mass of a target.
 * @param id - target id
 * @returns Σ f_i M_i in GeV
 */
export function meanNuclearMass_GeV(id: NuclearTargetId): number {
  return nuclearTarget(id).isotopes.reduce((s, i) => s + i.abundance * i.mass_GeV, 0);
}
