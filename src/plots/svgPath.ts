/**
 * SVG path data from pixel coordinates, with the fixed number formatting of {@link formatCoord}.
 * (SVG 1.1 §8.3, path data.)
 */
import { formatCoord } from './formatNumber.js';

/**
 * Open polyline `M x,y L x,y …`; non-finite points break the line into separate pieces.
 *
 * @param points - `[x, y]` in px
 * @returns path data ('' if fewer than two finite points)
 */
export function linePath(points: ReadonlyArray<readonly [number, number]>): string {
  const parts: string[] = [];
  let pen = false;
  let count = 0;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${formatCoord(x)},${formatCoord(y)}`);
    pen = true;
    count++;
  }
  return count >= 2 ? parts.join('') : '';
}

/**
 * Closed rings `M … L … Z` for each ring (use with `fill-rule="evenodd"` for holes).
 *
 * @param rings - each a list of `[x, y]` in px
 * @returns path data ('' if no ring has three points)
 */
export function ringsPath(rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): string {
  const parts: string[] = [];
  for (const ring of rings) {
    const pts = ring.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (pts.length < 3) continue;
    parts.push(pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${formatCoord(x)},${formatCoord(y)}`).join('') + 'Z');
  }
  return parts.join('');
}
