/**
 * Builds moves from JSON specs (`MoveSpec`) and parses the CLI `--moves` syntax:
 * comma-separated `name[(key=value;…)][:weight]`, e.g. `stretch`, `de:0.8,desnooker:0.2`,
 * `stretch(a=2.5)`, `gaussian(sigma=0.1):0.3`, `walk(s=4)`.
 * @module
 */
import type { WeightedMove } from '../EnsembleStepper.js';
import { SamplerError } from '../SamplerError.js';
import type { Move, MoveSpec } from '../types.js';
import { DEMove } from './deMove.js';
import { DESnookerMove } from './deSnookerMove.js';
import { GaussianMove } from './gaussianMove.js';
import { StretchMove } from './stretchMove.js';
import { WalkMove } from './walkMove.js';
import { moveSpecSchema } from '../moveSchema.js';

/**
 * The coordinate indices of a block move's parameter names: each name is a sampled parameter's
 * full name (e.g. `ar_brn_tmean.coherent-lar-2020`) or, when only one experiment has it, the name
 * before the experiment suffix (`ar_brn_tmean`).
 *
 * @param params - names as written in the move
 * @param paramNames - the sampled parameters in coordinate order
 * @returns indices into the coordinates
 * @throws SamplerError for an unknown, ambiguous or repeated name
 */
export function blockIndices(params: readonly string[], paramNames: readonly string[]): number[] {
  const out = params.map((name) => {
    const exact = paramNames.indexOf(name);
    if (exact >= 0) return exact;
    const short = paramNames.flatMap((n, i) => (n.split('.')[0] === name ? [i] : []));
    if (short.length === 1) return short[0]!;
    if (short.length > 1) {
      throw new SamplerError(`de move: parameter "${name}" is ambiguous (${short.map((i) => paramNames[i]).join(', ')})`, 'write the full name with its experiment suffix');
    }
    throw new SamplerError(`de move: "${name}" is not a sampled parameter`, `use names from: ${paramNames.join(', ')}`);
  });
  const seen = new Set<number>();
  for (const [k, i] of out.entries()) {
    if (seen.has(i)) throw new SamplerError(`de move: parameter "${params[k]}" is listed twice`, 'list each parameter of the block once');
    seen.add(i);
  }
  return out;
}

/**
 * @param spec - JSON move description
 * @param paramNames - sampled parameter names in coordinate order (needed by a DE move with `params`)
 * @returns the move
 * @throws SamplerError for invalid parameters, or a block move without parameter names
 */
export function makeMove(spec: MoveSpec, paramNames?: readonly string[]): Move {
  switch (spec.type) {
    case 'stretch':
      return new StretchMove(spec.a ?? 2.0);
    case 'walk':
      return new WalkMove(spec.s);
    case 'de':
      if (spec.params) {
        if (!paramNames) throw new SamplerError('a de move with params needs the parameter names', 'use it in an analysis file (sampler.moves) of nuem run');
        return new DEMove(spec.sigma ?? 1e-5, spec.gamma0, { params: spec.params, dims: blockIndices(spec.params, paramNames) });
      }
      return new DEMove(spec.sigma ?? 1e-5, spec.gamma0);
    case 'desnooker':
      return new DESnookerMove(spec.gammas ?? 1.7);
    case 'gaussian':
      if (spec.cov) return new GaussianMove(spec.cov);
      if (spec.sigma === undefined) throw new SamplerError('gaussian move needs sigma or cov', 'write gaussian(sigma=0.1)');
      return new GaussianMove(spec.sigma);
    default:
      throw new SamplerError(`unknown move type ${(spec as { type: string }).type}`, 'use stretch, walk, de, desnooker or gaussian');
  }
}

/**
 * @param specs - JSON move descriptions with weights (default weight 1)
 * @param paramNames - sampled parameter names in coordinate order (for block moves)
 * @returns the weighted mixture
 */
export function makeMoves(specs: readonly MoveSpec[], paramNames?: readonly string[]): WeightedMove[] {
  return specs.map((s) => ({ move: makeMove(s, paramNames), weight: s.weight ?? 1 }));
}

const PARAMS: Record<string, Record<string, 'num' | 'int' | 'nums'>> = {
  stretch: { a: 'num' },
  walk: { s: 'int' },
  de: { sigma: 'num', gamma0: 'num' },
  desnooker: { gammas: 'num' },
  gaussian: { sigma: 'nums' },
};

/**
 * Parses the `--moves` syntax (see module doc).
 * @param text - e.g. `de:0.8,desnooker:0.2`
 * @returns move specs with weights
 * @throws SamplerError naming the bad part
 */
export function parseMoveSpec(text: string): MoveSpec[] {
  const out: MoveSpec[] = [];
  const parts = text.split(/,(?![^(]*\))/).map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw new SamplerError('--moves is empty', 'give e.g. --moves stretch or --moves de:0.8,desnooker:0.2');
  for (const part of parts) {
    const m = /^([a-z]+)(?:\(([^)]*)\))?(?::([^:]+))?$/.exec(part);
    if (!m || !(m[1]! in PARAMS)) {
      throw new SamplerError(`--moves: cannot read "${part}"`, 'use name[(key=value;…)][:weight] with name one of stretch, walk, de, desnooker, gaussian');
    }
    const type = m[1]!;
    const spec: Record<string, unknown> = { type };
    if (m[3] !== undefined) {
      const w = Number(m[3]);
      if (!(w > 0) || !Number.isFinite(w)) throw new SamplerError(`--moves: weight "${m[3]}" of ${type} is not a positive number`, 'write e.g. de:0.8');
      spec.weight = w;
    }
    for (const kv of (m[2] ?? '').split(/[;,]/).map((s) => s.trim()).filter(Boolean)) {
      const [k, v] = kv.split('=').map((s) => s.trim());
      const kind = PARAMS[type]![k ?? ''];
      if (!kind || v === undefined) throw new SamplerError(`--moves: ${type} has no parameter "${kv}"`, `parameters of ${type}: ${Object.keys(PARAMS[type]!).join(', ') || 'none'}`);
      const nums = v.split('/').map(Number);
      if (nums.some((x) => !Number.isFinite(x)) || (kind !== 'nums' && nums.length !== 1) || (kind === 'int' && !Number.isInteger(nums[0]))) {
        throw new SamplerError(`--moves: ${type}(${k}=${v}) is not a valid ${kind === 'int' ? 'integer' : 'number'}`, kind === 'nums' ? 'write sigma=0.1 or per-dimension sigma=0.1/0.2/0.3' : `write ${k}=<number>`);
      }
      spec[k!] = kind === 'nums' && nums.length > 1 ? nums : nums[0];
    }
    if (type === 'gaussian' && spec.sigma === undefined) throw new SamplerError('--moves: gaussian needs sigma', 'write gaussian(sigma=0.1)');
    // the same rules as sampler.moves in analysis files (src/sampler/moveSchema.ts)
    const checked = moveSpecSchema.safeParse(spec);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new SamplerError(`--moves: ${part}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`, 'see nuem sample --help for the move parameters and their ranges');
    }
    makeMove(spec as MoveSpec); // builds the move once (constructor checks)
    out.push(spec as MoveSpec);
  }
  return out;
}
