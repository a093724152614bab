/**
 * Iso-lines of a sampled 2-D field as closed polygons (marching squares; Lorensen & Cline 1987,
 * SIGGRAPH 21(4) 163, in its 2-D form).
 *
 * Each cell's corners are classified as inside (value < level) or outside; crossing points sit on
 * the cell edges, placed by linear interpolation. Saddle cells are resolved by the mean of the four
 * corners. The grid is padded with a ring of outside nodes that sit exactly on the boundary
 * nodes, so every line is closed, running along the boundary where the inside region is cut by it.
 */

/** A closed polygon: vertices in order, the first one not repeated at the end. */
export type Polygon = Array<[number, number]>;

/**
 * Closed iso-lines of `values` at `level`.
 *
 * @param xs - x node positions (increasing, length nx)
 * @param ys - y node positions (increasing, length ny)
 * @param values - field at the nodes, row-major in y: values[j * nx + i] = f(xs[i], ys[j])
 * @param level - iso level; the enclosed regions have values below it
 * @returns closed polygons (outer boundaries and holes alike)
 */
export function marchingSquares(xs: readonly number[], ys: readonly number[], values: ArrayLike<number>, level: number): Polygon[] {
  const nx = xs.length;
  const ny = ys.length;
  if (values.length !== nx * ny) throw new RangeError('values must have xs.length * ys.length entries');
  // padded grid: indices −1..nx and −1..ny map to the nearest real node, always outside
  const W = nx + 2;
  const H = ny + 2;
  const val = (pi: number, pj: number): number => {
    if (pi === 0 || pj === 0 || pi === W - 1 || pj === H - 1) return Infinity;
    const v = values[(pj - 1) * nx + (pi - 1)]!;
    return Number.isNaN(v) ? Infinity : v;
  };
  const px = (pi: number): number => xs[Math.min(Math.max(pi - 1, 0), nx - 1)]!;
  const py = (pj: number): number => ys[Math.min(Math.max(pj - 1, 0), ny - 1)]!;
  const inside = (pi: number, pj: number): boolean => val(pi, pj) < level;

  // edge ids: horizontal (pi,pj)-(pi+1,pj) → 2(pj W + pi); vertical (pi,pj)-(pi,pj+1) → 2(pj W + pi) + 1
  const point = new Map<number, [number, number]>();
  const edgePoint = (id: number): [number, number] => {
    let p = point.get(id);
    if (p) return p;
    const base = id >> 1;
    const pi = base % W;
    const pj = (base - pi) / W;
    const [qi, qj] = id & 1 ? [pi, pj + 1] : [pi + 1, pj];
    const a = val(pi, pj);
    const b = val(qi, qj);
    let t: number;
    if (!Number.isFinite(a)) t = 1;
    else if (!Number.isFinite(b)) t = 0;
    else t = (level - a) / (b - a);
    t = Math.min(Math.max(t, 0), 1);
    p = [px(pi) + t * (px(qi) - px(pi)), py(pj) + t * (py(qj) - py(pj))];
    point.set(id, p);
    return p;
  };
  const neighbours = new Map<number, number[]>();
  const link = (a: number, b: number): void => {
    for (const [u, v] of [
      [a, b],
      [b, a],
    ] as const) {
      const l = neighbours.get(u);
      if (l) l.push(v);
      else neighbours.set(u, [v]);
    }
  };

  for (let pj = 0; pj < H - 1; pj++) {
    for (let pi = 0; pi < W - 1; pi++) {
      const bl = inside(pi, pj);
      const br = inside(pi + 1, pj);
      const tr = inside(pi + 1, pj + 1);
      const tl = inside(pi, pj + 1);
      const code = (bl ? 1 : 0) | (br ? 2 : 0) | (tr ? 4 : 0) | (tl ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const bottom = 2 * (pj * W + pi);
      const top = 2 * ((pj + 1) * W + pi);
      const left = 2 * (pj * W + pi) + 1;
      const right = 2 * (pj * W + pi + 1) + 1;
      const crossed: number[] = [];
      if (bl !== br) crossed.push(bottom);
      if (br !== tr) crossed.push(right);
      if (tl !== tr) crossed.push(top);
      if (bl !== tl) crossed.push(left);
      if (crossed.length === 2) {
        link(crossed[0]!, crossed[1]!);
        continue;
      }
      // saddle: four crossings
      const centre = (val(pi, pj) + val(pi + 1, pj) + val(pi + 1, pj + 1) + val(pi, pj + 1)) / 4;
      const centreInside = centre < level;
      if (bl && tr ? centreInside : !centreInside) {
        // cut off the br and tl corners
        link(bottom, right);
        link(top, left);
      } else {
        // cut off the bl and tr corners
        link(bottom, left);
        link(right, top);
      }
    }
  }

  const polygons: Polygon[] = [];
  const used = new Set<number>();
  for (const start of neighbours.keys()) {
    if (used.has(start)) continue;
    const ring: number[] = [start];
    used.add(start);
    let prev = -1;
    let cur = start;
    for (;;) {
      const next = neighbours.get(cur)!.find((n) => n !== prev && !used.has(n));
      if (next === undefined) break;
      used.add(next);
      ring.push(next);
      prev = cur;
      cur = next;
    }
    const poly: Polygon = [];
    for (const id of ring) {
      const p = edgePoint(id);
      const last = poly[poly.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) poly.push(p);
    }
    while (poly.length > 1 && poly[0]![0] === poly[poly.length - 1]![0] && poly[0]![1] === poly[poly.length - 1]![1]) poly.pop();
    if (poly.length >= 3) polygons.push(poly);
  }
  return polygons;
}

/**
 * Signed area of a polygon (shoelace formula; positive when counter-clockwise).
 *
 * @param poly - closed polygon
 * @returns signed area in (x units)·(y units)
 */
export function polygonArea(poly: Polygon): number {
  let s = 0;
  for (let k = 0; k < poly.length; k++) {
    const [x0, y0] = poly[k]!;
    const [x1, y1] = poly[(k + 1) % poly.length]!;
    s += x0 * y1 - x1 * y0;
  }
  return s / 2;
}
