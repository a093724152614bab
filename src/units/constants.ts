/**
 * Physical constants used by nuem. Every value carries its source; the values are the ones
 * fixed by the project physics specification (docs/physics.md §1), which quotes
 * PDG 2022 / CODATA 2018. Names carry units. Nothing else in the code base may hard-code these.
 */

/** Fermi constant G_F in GeV^-2. Source: PDG 2022 (docs/physics.md §1). */
export const FERMI_CONSTANT_GeVm2 = 1.1663787e-5;

/** Fine-structure constant α (dimensionless). Source: PDG/CODATA, 1/137.035999 (docs/physics.md §1). */
export const FINE_STRUCTURE = 1 / 137.035999;

/** ħc in GeV·fm: converts a momentum in GeV to fm^-1. Source: CODATA 2018 (docs/physics.md §1). */
export const HBARC_GeV_fm = 0.1973269804;

/**
 * (ħc)² in GeV²·cm²: converts GeV^-2 to cm². 0.3893793721 GeV² mb = 3.893793721e-28 GeV² cm².
 * Source: PDG 2022 (docs/physics.md §1).
 */
export const HBARC_SQUARED_GeV2_cm2 = 3.893793721e-28;

/** Electron mass in MeV. Source: PDG 2022 (docs/physics.md §1). */
export const ELECTRON_MASS_MeV = 0.51099895;

/** Electron mass in GeV (derived from {@link ELECTRON_MASS_MeV}). */
export const ELECTRON_MASS_GeV = ELECTRON_MASS_MeV * 1e-3;

/** Muon mass in MeV. Source: PDG 2022 (docs/physics.md §1). */
export const MUON_MASS_MeV = 105.6583755;

/** τ-lepton mass in MeV (only for the SM ν_τ charge radius). Source: PDG 2022, 1776.86 ± 0.12 MeV. */
export const TAU_MASS_MeV = 1776.86;

/** Charged-pion mass in MeV. Source: PDG 2022 (docs/physics.md §1). */
export const CHARGED_PION_MASS_MeV = 139.57039;

/** W-boson mass in GeV (only for the SM charge radius). Source: PDG 2020 value used by docs/physics.md §1. */
export const W_MASS_GeV = 80.379;

/** Atomic mass unit in GeV (u·c²). Source: CODATA 2018 (docs/physics.md §1). */
export const ATOMIC_MASS_UNIT_GeV = 0.93149410242;

/** Avogadro constant in mol^-1 (exact, SI 2019). Source: CODATA 2018 (docs/physics.md §1). */
export const AVOGADRO_per_mol = 6.02214076e23;

/** Elementary charge in coulomb (exact, SI 2019); converts eV to joule. Source: CODATA 2018. */
export const ELEMENTARY_CHARGE_C = 1.602176634e-19;

/**
 * Default weak mixing angle sin²θ_W: low-energy MS-bar value 0.23857 ± 0.00005 used by Khan
 * (arXiv:2201.10578, text after eq. 3; docs/physics.md §5). A parameter (`s2w`), not a constant.
 */
export const DEFAULT_SIN2_THETA_W = 0.23857;

/** Seconds per hour. */
export const SECONDS_PER_HOUR = 3600;

/** Centimetres per metre. */
export const CM_PER_M = 100;

/** keV per GeV. */
export const KEV_PER_GEV = 1e6;

/** MeV per GeV. */
export const MEV_PER_GEV = 1e3;
