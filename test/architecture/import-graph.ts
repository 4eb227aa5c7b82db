import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository's own path aliases (package.json "imports"), resolved to their entry files. */
const ALIASES: Record<string, string> = {
  '#domain': 'libs/domain/src/index.ts',
  '#event-store': 'libs/event-store/src/index.ts',
  '#projections': 'libs/projections/src/index.ts',
};

/** Every non-test TypeScript source under `dirs`, as paths relative to `root`. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path);
      return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
    });
  return dirs.filter((dir) => existsSync(join(root, dir))).flatMap((dir) => walk(join(root, dir))).map((file) => relative(root, file)).sort();
}

/**
 * The specifiers a file imports or re-exports, types included: a cycle of type imports still ties
 * two modules together (neither can be read, moved or split without the other).
 */
export function importsOf(text: string): string[] {
  const found = text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm);
  return [...found].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

function resolveImport(root: string, from: string, specifier: string): string | null {
  if (ALIASES[specifier]) return ALIASES[specifier]!;
  if (!specifier.startsWith('.')) return null;
  const base = resolve(root, dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  const hit = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  return hit ? relative(root, hit) : null;
}

/** file -> the repository files it imports at run time. */
export function importGraph(root: string, files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = importsOf(readFileSync(join(root, file), 'utf8'))
      .map((specifier) => resolveImport(root, file, specifier))
      .filter((target): target is string => target !== null && target !== file);
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

/**
 * The import cycles of a graph: its strongly connected components of more than one file
 * (Tarjan's algorithm), each listed sorted, so that a test can compare them with an expected list.
 */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
