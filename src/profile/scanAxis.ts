/**
 * Scan axes for profile likelihoods: `n` nodes from `min` to `max`, evenly spaced in x
 * (`linear`) or in ln x (`log`, needs 0 < min).
 */

/** Spacing of a scan axis. */
export type AxisScale = 'linear' | 'log';

/** A scan axis description. */
export interface ScanAxis {
  /** Lower end (parameter units). */
  readonly min: number;
  /** Upper end (parameter units). */
  readonly max: number;
  /** Node spacing. */
  readonly scale: AxisScale;
}

/**
 * Nodes of a scan axis.
 *
 * @param axis - range and scale
 * @param n - number of nodes (≥ 2)
 * @returns increasing node positions, exactly `min` and `max` at the ends
 * @example scanNodes({ min: -1, max: 1, scale: 'linear' }, 5) // returns [-1, -0.5, 0, 0.5, 1]
 */
export function scanNodes(axis: ScanAxis, n: number): number[] {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`a scan needs at least 2 nodes (got ${n})`);
  if (!(axis.max > axis.min)) throw new RangeError(`scan max (${axis.max}) must exceed min (${axis.min})`);
  if (axis.scale === 'log' && !(axis.min > 0)) throw new RangeError(`a log scan needs min > 0 (got ${axis.min})`);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    out[i] =
      axis.scale === 'log'
        ? Math.exp(Math.log(axis.min) + t * (Math.log(axis.max) - Math.log(axis.min)))
        : axis.min + t * (axis.max - axis.min);
  }
  out[0] = axis.min;
  out[n - 1] = axis.max;
  return out;
}
