/**
 * Code version and run provenance: recorded next to every chain and in every report.
 */
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** Root directory of the nuem package (holds package.json, models/). */
export const PACKAGE_ROOT = findPackageRoot();

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
};

/** Semantic version of nuem from package.json. */
export const CODE_VERSION: string = pkg.version;

/** Pinned runtime dependency versions from package.json. */
export const DEPENDENCY_VERSIONS: Readonly<Record<string, string>> = Object.freeze({ ...(pkg.dependencies ?? {}) });

/**
 * Git commit of the working tree (with `-dirty` when it has uncommitted changes), or
 * `unknown` outside a git checkout. Computed once per process.
 */
export const GIT_COMMIT: string = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
})();

/** Everything that identifies the code that produced a result. */
export interface CodeProvenance {
  /** nuem version */
  version: string;
  /** git commit or `unknown` */
  commit: string;
  /** node version */
  node: string;
  /** pinned dependency versions */
  dependencies: Record<string, string>;
}

/**
 * Provenance of the running code, recorded next to chains and in reports.
 *
 * @returns version, git commit, node version and pinned dependency versions
 */
export function codeProvenance(): CodeProvenance {
  return { version: CODE_VERSION, commit: GIT_COMMIT, node: process.version, dependencies: { ...DEPENDENCY_VERSIONS } };
}
