/**
 * Reader for the whitespace-separated text tables of data releases (`#` starts a comment).
 * Part of `src/experiments/`, the only code that reads files under models/.
 */
import { UserError } from '../cli/userError.js';
import { readRegularFile } from '../util/readRegularFile.js';

/**
 * Reads a numeric table.
 *
 * @param path - absolute file path
 * @param where - location for error messages (model file and key that named this file)
 * @param columns - required number of columns per row
 * @returns the rows
 * @throws UserError when the file is missing or a row is malformed
 * @example readNumericTable('/…/effCoefficients.txt', 'x.yaml: detector.efficiency.file', 4)[0] // returns [1.32045, 0.285979, 10.8646, -0.333322]
 * Reference: release file formats in models/data/coherent-csi-2021/README.md.
 */
export function readNumericTable(path: string, where: string, columns: number): number[][] {
  const text = readRegularFile(path, where, 'check the file name and the dataDir it resolves against', undefined, 'data file');
  const rows: number[][] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*/, '').trim();
    if (!line) continue;
    const fields = line.split(/\s+/);
    const values = fields.map(Number);
    if (fields.length !== columns || values.some((v) => !Number.isFinite(v))) {
      // the line itself is not echoed: the file may be anything (its content is not ours to print)
      const bad = values.findIndex((v) => !Number.isFinite(v));
      const what = fields.length !== columns ? `${fields.length} field(s)` : `field ${bad + 1} is not a finite number`;
      throw new UserError(`${path}:${i + 1}`, `expected ${columns} numbers, found ${what}`, `repair the data file (named by ${where})`);
    }
    rows.push(values);
  }
  return rows;
}
