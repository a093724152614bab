/**
 * Escaping for text that reaches SVG or HTML. Labels, units and titles come from model files,
 * so every string interpolated into markup goes through one of these two functions.
 *
 * Reference: W3C XML 1.0 §2.4 (character data) and the HTML Living Standard §13.1.2.6 (attribute
 * values); escaping `&`, `<`, `>`, `"` and `'` is sufficient for text and quoted attributes in both.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes a string for use as SVG/XML character data or a double- or single-quoted attribute value.
 * Control characters that XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) are dropped.
 *
 * @param text - any string (e.g. a parameter label from a model file)
 * @returns the escaped string
 * @example escapeXml('<script>') // returns '&lt;script&gt;'
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return String(text).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Escapes a string for HTML text or a quoted HTML attribute value (same rules as {@link escapeXml}).
 *
 * @param text - any string
 * @returns the escaped string
 * @example escapeHtml('a & b') // returns 'a &amp; b'
 */
export function escapeHtml(text: string): string {
  return escapeXml(text);
}
