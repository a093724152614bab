/**
 * The catalogue behind `nuem list`: experiment and analysis files shipped in `models/`, and the
 * EM parameters with their units. Files are only parsed for their id and title here (a broken
 * file is listed with its error instead of stopping the listing; `nuem validate` checks it fully).
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { EM_PARAMETERS } from '../physics/parameters.js';
import { PACKAGE_ROOT } from '../provenance.js';
import { userModelsDirs } from '../experiments/modelsDirs.js';

/** One model file in the catalogue. */
export interface CatalogueEntry {
  id: string;
  title: string;
  /** path relative to the package root (nuem's own models), or absolute (a user's models directory) */
  file: string;
  /** the models directory it comes from (absolute; nuem's own `models/` or a user's) */
  modelsDir?: string;
  /** analyses: the experiments they use */
  experiments?: string[];
  /** analyses: the free physics parameters */
  parameters?: string[];
  /** set when the file cannot be read or has no id */
  error?: string;
}

/** An EM parameter with its unit. */
export interface CatalogueParameter {
  name: string;
  unit: string;
  description: string;
}

/** Everything `nuem list` shows. */
export interface ModelCatalogue {
  experiments: CatalogueEntry[];
  analyses: CatalogueEntry[];
  parameters: CatalogueParameter[];
}

function entries(root: string, dir: string, modelsDir?: string): CatalogueEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort();
  } catch {
    return [];
  }
  return names.map((n) => {
    const path = join(dir, n);
    const file = modelsDir ? path : relative(root, path);
    const stem = n.replace(/\.(ya?ml|json)$/i, '');
    try {
      const raw = parseYaml(readFileSync(path, 'utf8')) as Record<string, unknown> | null;
      const id = typeof raw?.id === 'string' ? raw.id : stem;
      const title = typeof raw?.title === 'string' ? raw.title : '';
      const out: CatalogueEntry = { id, title, file, ...(modelsDir ? { modelsDir } : {}) };
      if (Array.isArray(raw?.experiments)) out.experiments = raw.experiments.map(String);
      if (Array.isArray(raw?.parameters)) {
        out.parameters = (raw.parameters as Array<Record<string, unknown>>).filter((p) => p?.role === 'physics').map((p) => String(p.name));
      }
      return out;
    } catch (e) {
      return { id: stem, title: '', file, ...(modelsDir ? { modelsDir } : {}), error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
    }
  });
}

/**
 * @param root - package root holding `models/` (default: this installation's)
 * @param userDirs - the user's models directories, listed first (default: `--models-dir` / `NUEM_MODELS_DIR`, see src/experiments/modelsDirs.ts)
 * @returns experiments, analyses and parameters
 */
export function modelCatalogue(root: string = PACKAGE_ROOT, userDirs: readonly string[] = userModelsDirs()): ModelCatalogue {
  const user = (sub: string): CatalogueEntry[] => userDirs.flatMap((d) => entries(root, join(d, sub), d));
  return {
    experiments: [...user('experiments'), ...entries(root, join(root, 'models', 'experiments'))],
    analyses: [...user('analyses'), ...entries(root, join(root, 'models', 'analyses'))],
    parameters: EM_PARAMETERS.map((p) => ({ name: p.name, unit: p.unit, description: p.description })),
  };
}
