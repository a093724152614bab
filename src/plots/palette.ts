/**
 * Colour-blind-safe palette of Okabe & Ito (2008), "Color Universal Design",
 * https://jfly.uni-koeln.de/color/ (also Wong 2011, Nature Methods 8:441, doi:10.1038/nmeth.1618).
 */

/** The eight Okabe–Ito colours by name (sRGB hex). */
export const OKABE_ITO = Object.freeze({
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
});

/**
 * Colours for overlaid runs, in order (vermillion is kept for truths, yellow for published bands,
 * black for profile likelihoods).
 */
export const RUN_COLORS: readonly string[] = Object.freeze([
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
]);

/** Colour of truth (injected-value) markers. */
export const TRUTH_COLOR = OKABE_ITO.vermillion;
/** Fill colour of published-interval bands. */
export const PUBLISHED_COLOR = OKABE_ITO.yellow;
/** Colour of profile-likelihood curves and contours. */
export const PROFILE_COLOR = OKABE_ITO.black;

/** Colour of a reference point such as the Standard Model (reddish purple: runs use it only from the fourth on; drawn dotted). */
export const REFERENCE_COLOR = OKABE_ITO.reddishPurple;

/**
 * Colour of run `k` (cycles through {@link RUN_COLORS}).
 *
 * @param k - zero-based run index
 * @returns hex colour
 */
export function runColor(k: number): string {
  return RUN_COLORS[((k % RUN_COLORS.length) + RUN_COLORS.length) % RUN_COLORS.length] as string;
}
