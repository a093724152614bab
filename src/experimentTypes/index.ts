/**
 * The built-in experiment types. Each folder registers its type with
 * `registerExperimentType` when imported; this file imports them all (one line per type).
 * Experiment files without a `type:` are detector-response experiments (`./spectrum/`), handled
 * by `src/experiments/loadExperiment.ts` and the analysis `likelihood` block.
 * @module
 */

export {};
import './binned/index.js';
import './coherentCsi2d/index.js';
import './coherentLar2020/index.js';
