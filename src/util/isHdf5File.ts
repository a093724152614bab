/**
 * HDF5 file detection by its format signature (HDF5 File Format Specification v3, §II.A
 * "Format Signature": the 8 bytes `\x89HDF\r\n\x1a\n` at offset 0, 512, 1024, 2048, … — later
 * offsets when the file starts with a user block).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * True if `path` is a readable file carrying the HDF5 format signature. h5wasm does not reject
 * non-HDF5 files when opening them (it fails later with an unhelpful message), so callers check first.
 *
 * @param path - file to test
 * @returns whether the signature was found at offset 0 or at a power-of-two offset ≥ 512
 */
export function isHdf5File(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(8);
    for (let off = 0; off + 8 <= size; off = off === 0 ? 512 : off * 2) {
      if (readSync(fd, buf, 0, 8, off) === 8 && buf.equals(SIGNATURE)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}
