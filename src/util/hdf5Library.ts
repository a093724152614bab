/**
 * The HDF5 library (h5wasm) with its error printing turned off. By default the HDF5 C library
 * prints its whole error stack (dozens of `HDF5-DIAG` lines) to stderr on any failure, and some
 * failures (a chunk whose checksum does not match) are not even reported to the caller: the read
 * returns zeros. {@link hdf5Ready} installs h5wasm's throwing error handler once (`H5Eset_auto2`
 * with a handler that turns the error stack into a JavaScript exception), so every library error
 * becomes an exception and nothing is printed; {@link hdf5ErrorSummary} condenses the stack into
 * one readable clause for a `UserError`.
 * Reference: HDF5 Reference Manual, H5E (error handling), `H5Eset_auto2`;
 * h5wasm 0.10 `activate_throwing_error_handler` (node_modules/h5wasm/src/hdf5_util.cc).
 *
 * The library is loaded at the first {@link hdf5Ready}, not when this module is imported: loading
 * it compiles its WebAssembly (~0.3 s of CPU here), which a process that never touches an HDF5
 * file — e.g. the main thread of `nuem run`, whose chains are written by the writer thread —
 * should not pay.
 * @module
 */
type H5wasm = typeof import('h5wasm/node').default;

let activated: Promise<H5wasm> | null = null;

/**
 * Waits for the h5wasm module and switches HDF5 errors from printing to throwing (once per process).
 *
 * @returns the h5wasm namespace, ready to use
 */
export function hdf5Ready(): Promise<H5wasm> {
  if (!activated) {
    activated = import('h5wasm/node').then(async ({ default: h5wasm }) => {
      const mod = await h5wasm.ready;
      (mod as unknown as { activate_throwing_error_handler(): number }).activate_throwing_error_handler();
      return h5wasm;
    });
  }
  return activated;
}

/**
 * One clause describing an HDF5 failure: the outermost API call's message and the innermost
 * cause (e.g. `H5Dread: can't synchronously read data (H5Z_pipeline: filter returned failure
 * during read)`), plus the operating-system error when the stack names one. Non-HDF5 errors
 * give their first line.
 *
 * @param e - an exception from h5wasm (an Error whose message is the HDF5 error stack, or a string)
 * @returns a one-line description without the library's file names and line numbers
 * @example hdf5ErrorSummary(new Error('HDF5-DIAG: …\n  #000: …/H5F.c line 647 in H5Fcreate(): unable to create file\n …')) // 'H5Fcreate: unable to create file …'
 */
export function hdf5ErrorSummary(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const frames = [...text.matchAll(/#\d+:.*? in ([A-Za-z0-9_]+)\(\): ([^\n]*)/g)].map((m) => ({ fn: m[1]!, msg: m[2]!.trim() }));
  if (frames.length === 0) return text.split('\n')[0]!.trim() || 'unknown HDF5 error';
  const first = frames[0]!;
  const last = frames[frames.length - 1]!;
  const errno = /errno = \d+, error message = '([^']*)'/.exec(text)?.[1];
  let s = `${first.fn}: ${first.msg}`;
  if (last !== first) s += ` (${last.fn}: ${last.msg})`;
  if (errno && !s.includes(errno)) s += `: ${errno}`;
  return s.replace(/\.$/, '');
}

/**
 * True if an exception from h5wasm reports a failed checksum (HDF5's fletcher32 filter) or
 * another failure of the data pipeline, i.e. stored raw data that does not read back as written.
 *
 * @param e - an exception from h5wasm
 * @returns whether the HDF5 error stack names a filter/pipeline read failure
 */
export function isHdf5ChecksumFailure(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /H5Z_pipeline|filter returned failure|checksum|Fletcher32/i.test(text);
}
