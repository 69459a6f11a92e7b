import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The names an entry file exports, read from its `export { ... } from` statements. A wildcard
 * (`export *`) is reported instead of followed: a curated entry lists every name, so a new
 * export somewhere below cannot slip out unnoticed.
 */
export function exportedNames(file: string): { names: string[]; wildcards: string[] } {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const names: string[] = [];
  const wildcards: string[] = [];
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st)) {
      const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : '';
      if (st.exportClause === undefined || ts.isNamespaceExport(st.exportClause)) wildcards.push(from);
      else for (const el of st.exportClause.elements) names.push(el.name.text);
    } else if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const decl = st as ts.DeclarationStatement;
      names.push(decl.name && ts.isIdentifier(decl.name) ? decl.name.text : '<unnamed>');
    }
  }
  return { names: names.sort(), wildcards };
}
