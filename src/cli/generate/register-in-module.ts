import type * as TS from 'typescript';
import { CliError } from '../cli-error.js';

export type ModuleList = 'imports' | 'controllers' | 'providers';

/**
 * Adds `className` to one list of the `@Module({...})` in `source` and an import of it from
 * `importPath`; returns the new text, or undefined when it is already there. Edits are made at
 * positions the TypeScript parser found, so formatting and comments elsewhere stay as they were.
 */
export function registerInModule(ts: typeof TS, source: string, fileName: string, list: ModuleList, className: string, importPath: string): string | undefined {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const call = findModuleDecorator(ts, file);
  if (!call) throw new CliError('generate', `${fileName} has no @Module(...) class decorator to register ${className} in`);

  const edits: Array<{ at: number; text: string }> = [];
  const arg = call.arguments[0];
  if (arg === undefined) {
    edits.push({ at: call.arguments.pos, text: `{ ${list}: [${className}] }` });
  } else if (!ts.isObjectLiteralExpression(arg)) {
    throw new CliError('generate', `the @Module(...) argument in ${fileName} is not an object literal; add ${className} to its ${list} by hand`);
  } else {
    const prop = arg.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === list);
    if (prop) {
      const value = prop.initializer;
      if (!ts.isArrayLiteralExpression(value)) throw new CliError('generate', `${list} of the @Module in ${fileName} is not an array literal; add ${className} to it by hand`);
      if (value.elements.some((e) => e.getText(file) === className)) return undefined;
      edits.push(appendToArray(file, value, className));
    } else {
      edits.push(addProperty(file, arg, `${list}: [${className}]`));
    }
  }

  const alreadyImported = file.statements.some((s) => ts.isImportDeclaration(s) && s.importClause?.namedBindings !== undefined
    && ts.isNamedImports(s.importClause.namedBindings) && s.importClause.namedBindings.elements.some((e) => e.name.text === className));
  if (!alreadyImported) {
    const imports = file.statements.filter(ts.isImportDeclaration);
    const line = `import { ${className} } from '${importPath}';`;
    if (imports.length) edits.push({ at: imports[imports.length - 1]!.end, text: `\n${line}` });
    else edits.push({ at: 0, text: `${line}\n` });
  }

  let out = source;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}

function findModuleDecorator(ts: typeof TS, file: TS.SourceFile): TS.CallExpression | undefined {
  for (const stmt of file.statements) {
    if (!ts.isClassDeclaration(stmt)) continue;
    for (const d of ts.getDecorators(stmt) ?? []) {
      const e = d.expression;
      if (ts.isCallExpression(e) && e.expression.getText(file) === 'Module') return e;
    }
  }
  return undefined;
}

function indentOf(file: TS.SourceFile, pos: number): string {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

const isMultiline = (file: TS.SourceFile, node: TS.Node): boolean => file.text.slice(node.getStart(file), node.end).includes('\n');

function appendToArray(file: TS.SourceFile, arr: TS.ArrayLiteralExpression, item: string): { at: number; text: string } {
  const els = arr.elements;
  if (els.length === 0) return { at: arr.getStart(file) + 1, text: item };
  const last = els[els.length - 1]!;
  if (isMultiline(file, arr)) {
    const trailingComma = els.hasTrailingComma;
    const at = trailingComma ? file.text.indexOf(',', last.end) + 1 : last.end;
    return { at, text: `${trailingComma ? '' : ','}\n${indentOf(file, last.getStart(file))}${item}${trailingComma ? ',' : ''}` };
  }
  return { at: last.end, text: `, ${item}` };
}

function addProperty(file: TS.SourceFile, obj: TS.ObjectLiteralExpression, text: string): { at: number; text: string } {
  const props = obj.properties;
  if (props.length === 0) return { at: obj.getStart(file) + 1, text: ` ${text} ` };
  const last = props[props.length - 1]!;
  if (isMultiline(file, obj)) {
    const trailingComma = props.hasTrailingComma;
    const at = trailingComma ? file.text.indexOf(',', last.end) + 1 : last.end;
    return { at, text: `${trailingComma ? '' : ','}\n${indentOf(file, last.getStart(file))}${text}${trailingComma ? ',' : ''}` };
  }
  return { at: last.end, text: `, ${text}` };
}
