/**
 * Self-contained documentation (issue 15): every reference in src/, models/, docs/ and the README
 * points to something a user of this repository can open — a file or directory of the repository
 * (`docs/x.md`, `src/…`, `models/…`, relative Markdown links), or a section of docs/physics.md that
 * exists (`docs/physics.md §4`, `§7.1`, `§D.2`). References to the project's private planning
 * documents (`spec §n`, `../shared`, `/work/shared`, `inference.md`, `design.md`, `stack.md`, a
 * bare `physics.md §n`) fail: cite docs/physics.md sections or public publications instead.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../src/provenance.js';

const ROOTS = ['src', 'models', 'docs', 'README.md'];
const TEXT = /\.(ts|md|ya?ml|json|txt)$/;

function walk(p: string, out: string[]): string[] {
  const abs = join(PACKAGE_ROOT, p);
  if (!existsSync(abs)) return out;
  if (statSync(abs).isDirectory()) {
    for (const n of readdirSync(abs)) if (n !== 'node_modules' && n !== 'data') walk(join(p, n), out);
  } else if (TEXT.test(p)) out.push(p);
  return out;
}

/** Section ids of docs/physics.md: `## 4 Title` → `4`, `### 7.1 …` → `7.1`, `### D.1b …` → `D.1b`. */
export function physicsSections(md: string): Set<string> {
  const ids = new Set<string>();
  for (const m of md.matchAll(/^#{2,4}\s+([0-9]+(?:\.[0-9]+)*|[A-Z]\.[0-9]+[a-z]?)[\s.]/gm)) ids.add(m[1]!);
  return ids;
}

const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/\bspec §/, '"spec §n" cites a planning document outside the repository'],
  [/\.\.\/shared\b/, '"../shared" is outside the repository'],
  [/\/work\/shared\b/, '"/work/shared" is outside the repository'],
  [/\b(?:inference|design|stack)\.md\b/, 'inference.md, design.md and stack.md are not in the repository'],
  [/(?<!docs\/)(?<![\w/])physics\.md §/, 'a bare "physics.md §n" is ambiguous: write docs/physics.md §n'],
];

const PATH_REF = /(?<![\w./-])((?:docs|src|models|test|bench|scripts)\/[A-Za-z0-9_.\-/]*[A-Za-z0-9_-])/g;
/** Kinds of files this repository holds; other extensions (`.py`, `.c`, `.ipynb`) name files of other projects' sources. */
const REPO_FILE = /(?:\/|\.(?:ts|js|md|ya?ml|json|csv|txt|tsv|dat))$|\/[^./]+$/;
const MD_LINK = /\]\(([^)#\s]+)(?:#[^)]*)?\)/g;
const SECTION_REF = /docs\/physics\.md\s*§\s*([0-9]+(?:\.[0-9]+)*|[A-Z]\.[0-9]+[a-z]?)/g;

/**
 * Problems of one file's text.
 *
 * @param file - path relative to the package root
 * @param text - its content
 * @param sections - section ids of docs/physics.md
 * @returns one line per problem
 */
export function referenceProblems(file: string, text: string, sections: ReadonlySet<string>): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    for (const [re, why] of FORBIDDEN) if (re.test(line)) out.push(`${at}: ${why}: ${line.trim().slice(0, 120)}`);
    for (const m of line.matchAll(PATH_REF)) {
      const p = m[1]!;
      // placeholders and globs (`models/analyses/<id>.yaml`, `src/**`) name no single file
      if (/[<>*{}…]/.test(line.slice(m.index, m.index + p.length + 2)) || p.includes('..')) continue;
      // files of other projects (emcee's src/emcee/autocorr.py) and one-letter placeholders (models/x.yaml, models/a.yaml)
      if (!REPO_FILE.test(p) || /\/[a-z]\.[a-z]+$/.test(p)) continue;
      const candidates = [p, p.replace(/\.js$/, '.ts')];
      if (!candidates.some((c) => existsSync(join(PACKAGE_ROOT, c)))) out.push(`${at}: ${p} does not exist`);
    }
    if (file.endsWith('.md')) {
      for (const m of line.matchAll(MD_LINK)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target)) continue; // URLs, mailto:
        const abs = resolve(PACKAGE_ROOT, dirname(file), target);
        if (!abs.startsWith(PACKAGE_ROOT)) out.push(`${at}: link ${target} leads outside the repository`);
        else if (!existsSync(abs)) out.push(`${at}: link ${target} (${relative(PACKAGE_ROOT, abs)}) does not exist`);
      }
    }
    for (const m of line.matchAll(SECTION_REF)) if (!sections.has(m[1]!)) out.push(`${at}: docs/physics.md has no section §${m[1]}`);
  });
  return out;
}

describe('references in src/, models/, docs/ and the README', () => {
  const sections = physicsSections(readFileSync(join(PACKAGE_ROOT, 'docs/physics.md'), 'utf8'));
  const files = ROOTS.flatMap((r) => walk(r, []));

  it('the scan covers the repository (sanity: hundreds of files, the sections of docs/physics.md)', () => {
    expect(files.length).toBeGreaterThan(200);
    for (const s of ['1', '4', '7.1', 'D.1', 'D.2a']) expect(sections.has(s), s).toBe(true);
  });

  it('the checker flags what it should and passes what it should (self-check)', () => {
    const bad = referenceProblems(
      'x.ts',
      ['// spec §2.8', '// see ../shared/physics.md', '// inference.md §2.9', '// physics.md §5.2', '// docs/physics.md §42', '// src/no/such/file.ts', '// docs/nothing.md'].join('\n'),
      sections,
    );
    expect(bad.length).toBe(7);
    const good = referenceProblems('y.md', ['docs/physics.md §4 and docs/physics.md §D.2', 'src/report/renderReport.ts, src/report/renderReport.js', 'models/analyses/<id>.yaml', '[readme](README.md)', 'https://arxiv.org/abs/2201.10578'].join('\n'), sections);
    expect(good).toEqual([]);
    expect(referenceProblems('docs/z.md', '[x](architecture.md) [y](../../outside.md)', sections)).toEqual(['docs/z.md:1: link ../../outside.md leads outside the repository']);
  });

  it('every reference points to a file, directory or docs/physics.md section of this repository', () => {
    const problems = files.flatMap((f) => referenceProblems(f, readFileSync(join(PACKAGE_ROOT, f), 'utf8'), sections));
    expect(problems).toEqual([]);
  });
});
