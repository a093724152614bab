/**
 * TSDoc audit helpers for test/docs/tsdoc.test.ts: list the exported declarations of a source file
 * (parsed with the TypeScript compiler API, no type checking) and say which lack a `/** ... *\/` comment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** One exported declaration of a source file. */
export interface ExportedDeclaration {
  /** exported name (`default` for a default export) */
  name: string;
  /** declaration kind: function, class, interface, type, const, let, var, enum */
  kind: string;
  /** 1-based line of the declaration */
  line: number;
  /** true if a JSDoc block comment precedes the declaration (or one of its overloads) */
  documented: boolean;
}

/**
 * All `.ts` files under `dir`, as paths relative to `root` with forward slashes, sorted.
 *
 * @param root - repository root (absolute)
 * @param dir - directory to walk, relative to `root`
 * @returns relative paths such as `src/units/constants.ts`
 */
export function listTsFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out.sort();
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function hasJsDoc(text: string, node: ts.Node): boolean {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  return ranges.some((r) => r.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith('/**', r.pos) && !text.startsWith('/**/', r.pos));
}

/** Name and kind of a top-level declaration statement, or undefined if it declares nothing we audit. */
function describeStatement(st: ts.Statement): { names: string[]; kind: string } | undefined {
  if (ts.isFunctionDeclaration(st)) return { names: [st.name?.text ?? 'default'], kind: 'function' };
  if (ts.isClassDeclaration(st)) return { names: [st.name?.text ?? 'default'], kind: 'class' };
  if (ts.isInterfaceDeclaration(st)) return { names: [st.name.text], kind: 'interface' };
  if (ts.isTypeAliasDeclaration(st)) return { names: [st.name.text], kind: 'type' };
  if (ts.isEnumDeclaration(st)) return { names: [st.name.text], kind: 'enum' };
  if (ts.isVariableStatement(st)) {
    const flags = st.declarationList.flags;
    const kind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
    const names = st.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
    return { names, kind };
  }
  return undefined;
}

/**
 * Exported declarations of one TypeScript source text. Re-exports (`export ... from '...'`) are
 * skipped: the declaring file is audited instead. Local export lists (`export { a, b }`) are
 * resolved to the declarations they name. Overloads and declaration merging count as one name,
 * documented if any of its declarations is.
 *
 * @param fileName - name used for parsing (only its extension matters)
 * @param text - source text
 * @returns the exported declarations, in source order
 */
export function exportedDeclarations(fileName: string, text: string): ExportedDeclaration[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const byName = new Map<string, ExportedDeclaration>();
  const local = new Map<string, { kind: string; line: number; documented: boolean }>();
  const add = (name: string, kind: string, line: number, documented: boolean): void => {
    const prev = byName.get(name);
    if (prev) prev.documented ||= documented;
    else byName.set(name, { name, kind, line, documented });
  };
  const lineOf = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  for (const st of sf.statements) {
    const d = describeStatement(st);
    if (d) {
      const documented = hasJsDoc(text, st);
      for (const name of d.names) {
        if (hasExportModifier(st)) add(name, d.kind, lineOf(st), documented);
        const prev = local.get(name);
        if (prev) prev.documented ||= documented;
        else local.set(name, { kind: d.kind, line: lineOf(st), documented });
      }
    } else if (ts.isExportAssignment(st)) {
      add('default', 'default', lineOf(st), hasJsDoc(text, st));
    }
  }
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || st.moduleSpecifier || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
    for (const el of st.exportClause.elements) {
      const target = local.get((el.propertyName ?? el.name).text);
      if (target) add(el.name.text, target.kind, target.line, target.documented);
    }
  }
  return [...byName.values()].sort((a, b) => a.line - b.line);
}

function jsDocTags(node: ts.Node): readonly ts.JSDocTag[] {
  return ts.getJSDocTags(node);
}

function returnsValue(fn: ts.SignatureDeclaration): boolean {
  const t = fn.type;
  if (t) {
    if (t.kind === ts.SyntaxKind.VoidKeyword || t.kind === ts.SyntaxKind.NeverKeyword || t.kind === ts.SyntaxKind.UndefinedKeyword) return false;
    if (ts.isTypePredicateNode(t)) return true;
    if (ts.isTypeReferenceNode(t) && t.typeName.getText() === 'Promise' && t.typeArguments?.[0]?.kind === ts.SyntaxKind.VoidKeyword) return false;
    return true;
  }
  const body = (fn as ts.FunctionLikeDeclarationBase).body;
  if (!body) return false;
  if (!ts.isBlock(body)) return true; // concise arrow body
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** A missing `@param`/`@returns` tag on an exported function. */
export interface TagGap {
  /** exported function name */
  name: string;
  /** 1-based line */
  line: number;
  /** what is missing, e.g. `@param x` or `@returns` */
  missing: string[];
}

/**
 * Exported functions (declarations and `const f = (...) => ...`) whose JSDoc lacks a `@param` for a
 * named parameter or a `@returns` although the function returns a value. Overload groups are judged
 * by their documented declaration. Destructured parameters need no `@param`.
 *
 * @param fileName - name used for parsing
 * @param text - source text
 * @returns one entry per function with gaps
 */
export function functionTagGaps(fileName: string, text: string): TagGap[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: TagGap[] = [];
  const seen = new Set<string>();
  const check = (name: string, docNode: ts.Node, fn: ts.SignatureDeclaration, line: number): void => {
    if (!hasJsDoc(text, docNode)) return; // reported as undocumented instead
    const tags = jsDocTags(docNode === fn ? fn : docNode);
    const params = new Set(tags.filter(ts.isJSDocParameterTag).map((t) => t.name.getText().replace(/^\[|\]$/g, '').split(/[.=]/)[0]!));
    const missing: string[] = [];
    for (const p of fn.parameters) if (ts.isIdentifier(p.name) && p.name.text !== 'this' && !params.has(p.name.text)) missing.push(`@param ${p.name.text}`);
    if (returnsValue(fn) && !tags.some((t) => t.tagName.text === 'returns' || t.tagName.text === 'return')) missing.push('@returns');
    if (missing.length > 0) out.push({ name, line, missing });
  };
  for (const st of sf.statements) {
    if (!hasExportModifier(st)) continue;
    const line = sf.getLineAndCharacterOfPosition(st.getStart(sf)).line + 1;
    if (ts.isFunctionDeclaration(st)) {
      const name = st.name?.text ?? 'default';
      // overloads: judge the first documented declaration of the group
      if (seen.has(name) || !hasJsDoc(text, st)) continue;
      seen.add(name);
      check(name, st, st, line);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) check(d.name.text, st, init, line);
      }
    }
  }
  return out;
}

/**
 * Exported declarations of one file on disk that lack a JSDoc comment.
 *
 * @param root - repository root (absolute)
 * @param path - file path relative to `root`
 * @returns the undocumented declarations (empty if all are documented)
 */
export function undocumentedExports(root: string, path: string): ExportedDeclaration[] {
  return exportedDeclarations(path, readFileSync(join(root, path), 'utf8')).filter((d) => !d.documented);
}
