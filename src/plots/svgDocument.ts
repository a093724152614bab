/**
 * The outer `<svg>` element shared by all plots: fixed size, white background, generic
 * sans-serif font (no external fonts), an accessible `<title>`, and `<defs>` for clip paths.
 */
import { escapeXml } from './escape.js';

/**
 * Wraps plot content in a standalone SVG document element.
 *
 * @param cls - extra class name, e.g. `nuem-trace`
 * @param width_px - width in px
 * @param height_px - height in px
 * @param title - accessible title (plain text, escaped here)
 * @param defs - clip paths etc.
 * @param body - the marks
 * @returns the `<svg>` string
 */
export function svgDocument(cls: string, width_px: number, height_px: number, title: string, defs: readonly string[], body: readonly string[]): string {
  const w = Math.ceil(width_px);
  const h = Math.ceil(height_px);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="nuem-plot ${escapeXml(cls)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="10" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs>${defs.join('')}</defs>`,
    `<rect x="0" y="0" width="${w}" height="${h}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/**
 * A legend: one line per entry, a swatch (filled box, line, dashed line or marker) and text.
 *
 * @param entries - swatch kind, colour and plain-text label
 * @param x_px - left in px
 * @param y_px - baseline of the first line in px
 * @param lineHeight_px - spacing in px (default 14)
 * @returns `<g class="legend">` fragment
 */
export function legendSvg(
  entries: ReadonlyArray<{ kind: 'box' | 'line' | 'dash' | 'dot'; color: string; text: string }>,
  x_px: number,
  y_px: number,
  lineHeight_px = 14,
): string {
  const out = ['<g class="legend">'];
  entries.forEach((e, i) => {
    const y = y_px + i * lineHeight_px;
    const ym = y - 3;
    if (e.kind === 'box') out.push(`<rect x="${x_px}" y="${y - 8}" width="12" height="9" fill="${e.color}" fill-opacity="0.7"/>`);
    else if (e.kind === 'dot') out.push(`<circle cx="${x_px + 6}" cy="${ym}" r="2.5" fill="${e.color}"/>`);
    else out.push(`<line x1="${x_px}" y1="${ym}" x2="${x_px + 12}" y2="${ym}" stroke="${e.color}" stroke-width="1.5"${e.kind === 'dash' ? ' stroke-dasharray="4 2"' : ''}/>`);
    out.push(`<text class="legend-text" x="${x_px + 16}" y="${y}" font-size="10">${escapeXml(e.text)}</text>`);
  });
  out.push('</g>');
  return out.join('');
}
