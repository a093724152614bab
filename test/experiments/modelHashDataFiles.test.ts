/**
 * The model hash covers the release data files (issue: a chain must not be resumed or reported
 * against changed data). Exact checks on copies of the COHERENT CsI 2021 model tree in temporary
 * directories: the list of files the loader read, location independence, and that changing any
 * single byte of any data file read — even one inside a `#` comment, which changes no loaded
 * number — changes the hash.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { canonicalJson, modelHash } from '../../src/experiments/modelHash.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';

const RELEASE = join(PACKAGE_ROOT, 'models/data/coherent-csi-2021');
const tmp = mkdtempSync(join(tmpdir(), 'nuem-hash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * A model tree `<root>/models/{experiments,data,analyses}` with the COHERENT experiment (optionally
 * edited) and a one-parameter analysis of it.
 */
function modelTree(name: string, editExperiment: (yaml: string) => string = (y) => y): { analysis: string; data: string } {
  const models = join(tmp, name, 'models');
  mkdirSync(join(models, 'experiments'), { recursive: true });
  mkdirSync(join(models, 'analyses'), { recursive: true });
  cpSync(RELEASE, join(models, 'data', 'coherent-csi-2021'), { recursive: true });
  const yaml = readFileSync(join(PACKAGE_ROOT, 'models/experiments/coherent-csi-2021.yaml'), 'utf8');
  writeFileSync(join(models, 'experiments', 'coherent-csi-2021.yaml'), editExperiment(yaml));
  const analysis = join(models, 'analyses', 'a.yaml');
  writeFileSync(
    analysis,
    stringify({
      kind: 'analysis',
      id: 'hash-test',
      title: 'hash test',
      experiments: ['../experiments/coherent-csi-2021.yaml'],
      parameters: [{ name: 'qee', role: 'physics', prior: { type: 'uniform', min: -1e-6, max: 1e-6 } }],
      likelihood: { type: 'khan-chi2', sigmaAlpha: 0.127, sigmaBeta: 0.6 },
    }),
  );
  return { analysis, data: join(models, 'data', 'coherent-csi-2021') };
}

/** Changes one byte of a file: a comment character if the file has a comment, else a field separator (space ↔ tab). */
function changeOneByte(file: string): void {
  const b = readFileSync(file);
  const hash = b.indexOf('#'.charCodeAt(0));
  if (hash >= 0 && hash + 1 < b.length && b[hash + 1] !== 0x0a) {
    b[hash + 1] = b[hash + 1] === 0x41 ? 0x42 : 0x41; // the character after '#' becomes 'A' (or 'B')
  } else {
    const sep = b.indexOf(' '.charCodeAt(0));
    expect(sep).toBeGreaterThanOrEqual(0);
    b[sep] = 0x09;
  }
  writeFileSync(file, b);
}

describe('Experiment.dataFiles (every data file the loader read)', () => {
  it('coherent-csi-2021 lists its coefficient, event and background-PDF files in reading order, as absolute paths', () => {
    const e = loadExperiment('coherent-csi-2021');
    expect(e.dataFiles).toEqual(
      ['scintRespCoefficients.txt', 'effCoefficients.txt', 'dataBeamOnC.txt', 'dataBeamOnAC.txt', 'brnPE.txt', 'ninPE.txt'].map((f) => join(RELEASE, f)),
    );
  });
  it('time distributions are listed when the normalisation reads them; files not read (fixed normalisation) are not', () => {
    const { analysis } = modelTree('timedist', (y) => y.replaceAll(/normalisation: \{ type: fixed, events: [0-9.]+, source: "[^"]*" \}/g, 'normalisation: { type: time-distribution }'));
    const e = loadAnalysis(analysis).experiments[0]!;
    expect(e.dataFiles.map((f) => basename(f))).toEqual([
      'scintRespCoefficients.txt',
      'effCoefficients.txt',
      'dataBeamOnC.txt',
      'dataBeamOnAC.txt',
      'brnPE.txt',
      'brnTrec.txt',
      'ninPE.txt',
      'ninTrec.txt',
    ]);
  });
  it('a Gaussian detector lists its nuclear-quenching file (ess-csi-ees) or nothing (ess-ge)', () => {
    expect(loadExperiment('ess-csi-ees').dataFiles).toEqual([join(RELEASE, 'scintRespCoefficients.txt')]);
    expect(loadExperiment('ess-ge').dataFiles).toEqual([]);
  });
});

describe('modelHash covers the data files', () => {
  const original = modelTree('original');
  const h0 = modelHash(loadAnalysis(original.analysis));

  it('is the same for an identical copy of the model tree elsewhere (no directory enters the hash)', () => {
    const copy = modelTree('elsewhere/deeper');
    expect(modelHash(loadAnalysis(copy.analysis))).toBe(h0);
  });

  for (const file of ['scintRespCoefficients.txt', 'effCoefficients.txt', 'dataBeamOnC.txt', 'dataBeamOnAC.txt', 'brnPE.txt', 'ninPE.txt']) {
    it(`changes when one byte of the copied ${file} changes`, () => {
      const t = modelTree(`edit-${file}`);
      const before = loadAnalysis(t.analysis);
      expect(modelHash(before)).toBe(h0);
      changeOneByte(join(t.data, file));
      const after = loadAnalysis(t.analysis);
      expect(modelHash(after)).not.toBe(h0);
    });
  }

  it('detects a change that leaves every loaded number unchanged (a byte inside a # comment): the bytes are hashed, not only the parsed values', () => {
    const t = modelTree('comment');
    const before = loadAnalysis(t.analysis);
    const hashBefore = modelHash(before); // the bytes are read when the hash is computed
    const file = join(t.data, 'scintRespCoefficients.txt');
    expect(readFileSync(file, 'utf8').startsWith('#')).toBe(true);
    changeOneByte(file);
    const after = loadAnalysis(t.analysis);
    const numbers = (a: typeof before): string => canonicalJson(a.experiments.map(({ file: _f, dataFiles: _d, ...rest }) => rest));
    expect(numbers(after)).toBe(numbers(before));
    expect(modelHash(after)).not.toBe(hashBefore);
  });
});
