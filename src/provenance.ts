/**
 * Code version and run provenance: recorded next to every chain and in every report.
 */
import { readFileSync, existsSync, realpathSync } from 'node:fs';
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

/** What `npm run build` records about the build (scripts/writeBuildInfo.mjs → dist/src/buildInfo.json). */
export interface BuildInfo {
  /** package name (`nuem`) */
  name: string;
  /** nuem version at build time */
  version: string;
  /** git commit of nuem's checkout at build time (`-dirty` suffix with uncommitted changes), or `unknown` */
  commit: string;
}

/**
 * The build info written next to the compiled code, or `undefined` when running from the
 * TypeScript sources (tsx, vitest) where there is no build.
 */
export const BUILD_INFO: BuildInfo | undefined = (() => {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'buildInfo.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BuildInfo;
  } catch {
    return undefined;
  }
})();

/**
 * Commit of nuem's own git checkout, asked live (sources only), or `unknown` when
 * {@link PACKAGE_ROOT} is not the top level of a git work tree. The top-level check keeps a
 * caller's repository from answering for nuem (nuem installed in `node_modules` of a user's
 * project sits inside the user's work tree).
 */
function liveGitCommit(): string {
  try {
    const git = (args: string[]): string =>
      execFileSync('git', args, { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (realpathSync(git(['rev-parse', '--show-toplevel'])) !== realpathSync(PACKAGE_ROOT)) return 'unknown';
    const head = git(['rev-parse', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--untracked-files=no']);
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown';
  }
}

/**
 * Git commit nuem was built from: from the build info written by `npm run build` (compiled code,
 * also when installed as a package), else from nuem's own checkout (running from sources), with
 * `-dirty` when tracked files had uncommitted changes; `unknown` when neither is available.
 * Never the commit of the directory a caller runs nuem in.
 */
export const GIT_COMMIT: string = BUILD_INFO?.commit ?? liveGitCommit();

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
