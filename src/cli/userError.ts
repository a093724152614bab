/**
 * Errors caused by the user's input (bad model files, bad flags, missing data files).
 *
 * The CLI prints them as one line, `nuem: <where>: <what>. Fix: <fix>`, with no stack trace,
 * and exits with code 2. Every other error is a bug or a runtime failure: exit code 1.
 */
export class UserError extends Error {
  /** Process exit code used for user errors. */
  readonly exitCode = 2;
  /**
   * @param where - file and path inside it (e.g. `models/x.yaml: parameters[1].prior.sigma`), or the flag (`--set`)
   * @param what - what is wrong
   * @param fix - how to fix it
   */
  constructor(
    readonly where: string,
    readonly what: string,
    readonly fix?: string,
  ) {
    super(`${where}: ${what}${fix ? `. Fix: ${fix}` : ''}`);
    this.name = 'UserError';
  }
}

/**
 * Tells user errors apart from bugs.
 *
 * @param e - anything thrown
 * @returns true if `e` is a {@link UserError}
 */
export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

// C0 controls except tab and newline, DEL, C1 controls (0x80–0x9f, e.g. the 8-bit CSI 0x9b),
// and the bidirectional overrides/isolates that can make text read differently than it is.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// ANSI/ECMA-48 escape sequences: CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte ESC x
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/**
 * Makes text from files or the command line safe to print on a terminal: removes ANSI escape
 * sequences (ECMA-48 CSI/OSC and two-byte escapes) and every other control character except
 * tab and newline, including C1 controls and Unicode bidirectional overrides. Printable text,
 * including non-ASCII letters such as `χ²`, is kept.
 *
 * @param text - text that may come from a data file, a title or an argument
 * @returns the text without escape sequences and control characters
 * @example sanitizeForTerminal('ok\u001b[2J\u001b]0;pwned\u0007') // returns 'ok'
 * Reference: ECMA-48, 5th ed. (1991), §5.4 (control sequences) and §8.3.89 (OSC).
 */
export function sanitizeForTerminal(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/**
 * The message of a user error as ONE printable line: escape sequences and control characters
 * removed ({@link sanitizeForTerminal}), line breaks turned into spaces, and very long quoted
 * content cut (a message never exceeds 2000 characters).
 *
 * @param e - the user error
 * @returns `<where>: <what>. Fix: <fix>` on one line
 */
export function oneLineUserMessage(e: UserError): string {
  let m = sanitizeForTerminal(e.message).replace(/\s*[\r\n]+\s*/g, ' ');
  if (m.length > 2000) {
    const fix = m.lastIndexOf('. Fix: ');
    const tail = fix >= 0 ? m.slice(fix) : '';
    m = `${m.slice(0, 2000 - tail.length - 1)}…${tail}`;
  }
  return m;
}
