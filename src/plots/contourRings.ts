/**
 * Iso-density rings of a gridded density with d3-contour's marching squares
 * (d3 `contours()`, linear interpolation between grid points), mapped to pixels.
 *
 * In d3-contour's output the value of grid cell (i, j) sits at the point (i + ½, j + ½) and the
 * grid spans [0, nx] × [0, ny]; rings reaching the border are closed along it.
 */
import { contours } from 'd3-contour';

/**
 * Rings of the region where `grid ≥ threshold`.
 *
 * @param grid - row-major `ny × nx` values
 * @param nx - columns
 * @param ny - rows
 * @param threshold - iso value (same units as grid)
 * @param toPx - maps grid coordinates (gx ∈ [0, nx], gy ∈ [0, ny]) to pixels
 * @returns closed rings in px (outer rings and holes); empty if the region is empty
 */
export function contourRings(
  grid: ArrayLike<number>,
  nx: number,
  ny: number,
  threshold: number,
  toPx: (gx: number, gy: number) => readonly [number, number],
): Array<Array<readonly [number, number]>> {
  if (!Number.isFinite(threshold)) return [];
  const [mp] = contours().size([nx, ny]).thresholds([threshold])(Array.from(grid));
  const out: Array<Array<readonly [number, number]>> = [];
  if (!mp) return out;
  for (const polygon of mp.coordinates) for (const ring of polygon) out.push(ring.map(([gx, gy]) => toPx(gx as number, gy as number)));
  return out;
}

/**
 * Area enclosed by rings (shoelace formula, holes subtract when wound oppositely), in the units
 * of the coordinates squared.
 *
 * @param rings - closed rings
 * @returns absolute net area
 */
export function ringsArea(rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): number {
  let total = 0;
  for (const ring of rings) {
    let a = 0;
    for (let i = 0, n = ring.length; i < n; i++) {
      const [x0, y0] = ring[i] as readonly [number, number];
      const [x1, y1] = ring[(i + 1) % n] as readonly [number, number];
      a += x0 * y1 - x1 * y0;
    }
    total += a / 2;
  }
  return Math.abs(total);
}
