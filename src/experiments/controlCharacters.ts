/**
 * Model files are text for people: a string holding a terminal control character (ESC starting
 * an ANSI escape sequence, BEL, a C1 control, a Unicode bidirectional override) could rewrite the
 * user's terminal when a title or id is printed, or make a file read differently than it is.
 * Such strings are refused when the file is loaded (tab, newline and carriage return are fine).
 * @module
 */
import { UserError } from '../cli/userError.js';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Finds the first string (value or key) in a parsed YAML/JSON document that holds a control character.
 *
 * @param raw - the parsed document
 * @returns the path to it (e.g. `title`, `parameters[0].label`) and the character code, or null
 */
export function findControlCharacter(raw: unknown): { path: string; code: number } | null {
  const walk = (v: unknown, path: string, depth: number): { path: string; code: number } | null => {
    if (depth > 64) return null;
    if (typeof v === 'string') {
      const m = FORBIDDEN.exec(v);
      return m ? { path: path || '(top level)', code: m[0].codePointAt(0)! } : null;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const r = walk(v[i], `${path}[${i}]`, depth + 1);
        if (r) return r;
      }
      return null;
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const at = path ? `${path}.${k}` : k;
        const mk = FORBIDDEN.exec(k);
        if (mk) return { path: at, code: mk[0].codePointAt(0)! };
        const r = walk(x, at, depth + 1);
        if (r) return r;
      }
    }
    return null;
  };
  return walk(raw, '', 0);
}

/**
 * Refuses a parsed model file with a control character in any string (see module doc).
 *
 * @param raw - the parsed document
 * @param file - the model file, for the message
 * @throws UserError naming the file, the path inside it and the character
 */
export function rejectControlCharacters(raw: unknown, file: string): void {
  const hit = findControlCharacter(raw);
  if (hit) {
    throw new UserError(`${file}: ${hit.path}`, `contains the control character U+${hit.code.toString(16).toUpperCase().padStart(4, '0')} (e.g. part of a terminal escape sequence)`, 'remove control characters and escape sequences from the text');
  }
}
