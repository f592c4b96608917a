import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The desk's rooms (docs/architecture.md §1): every file of src-main sits in one room, and a room
 * only reaches down — core ← agents ← files ← api ← launch. The folder-level import graph (rooms,
 * and the folders inside them) has no cycle, src-shared stays below the desk and the server, and
 * only the launch room touches Electron. Imports are read with a regex (type-only ones count too:
 * a type is part of what a folder needs to know).
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const srcMain = join(root, 'src-main');

/** Lowest first: a room may import its own files and the rooms before it. */
const ROOMS = ['core', 'agents', 'files', 'api', 'launch'] as const;
type Room = (typeof ROOMS)[number];
const rankOf = (room: string): number => ROOMS.indexOf(room as Room);

const toPosix = (path: string): string => path.split(sep).join('/');

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier a file names: import/export … from, bare import, import(), require(), vi.mock(). */
function specifiers(source: string): string[] {
  const code = source.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /(?:^|[\s;])import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bvi\.(?:do)?mock\s*\(\s*['"]([^'"]+)['"]/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] as string));
}

/** The file a relative specifier names (extensionless, or a folder's index), or null. */
function resolveRelative(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

interface Edge {
  from: string; // file, relative to the project
  to: string; // file, relative to the project
}

/** Relative imports of the files under dir that land in src-main. */
function edgesInto(dir: string): Edge[] {
  return sourceFiles(dir).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolveRelative(file, spec))
      .filter((target): target is string => target !== null)
      .map((target) => ({ from: toPosix(relative(root, file)), to: toPosix(relative(root, target)) })),
  );
}

/** src-main/<room>/<folder>/x.ts → "<room>/<folder>"; a file directly in a room → "<room>". */
const roomOf = (file: string): string => file.split('/')[1] ?? '';
function folderOf(file: string): string {
  const parts = file.split('/').slice(1, -1);
  return parts.slice(0, 2).join('/');
}

/** The strongly connected components of a directed graph with more than one member: its cycles. */
function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, order.get(next) as number));
      }
    }
    if (low.get(node) === order.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!order.has(node)) visit(node);
  return components;
}

function graphOf(edges: readonly Edge[], nodeOf: (file: string) => string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const [a, b] = [nodeOf(from), nodeOf(to)];
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
  }
  return graph;
}

/** Each cycle, with the folder-to-folder steps inside it and one import behind each step. */
function describeCycles(edges: readonly Edge[], nodeOf: (file: string) => string): string[] {
  return cyclesOf(graphOf(edges, nodeOf)).map((members) => {
    const inside = new Set(members);
    const steps = new Map<string, string>();
    for (const edge of edges) {
      const [a, b] = [nodeOf(edge.from), nodeOf(edge.to)];
      if (a !== b && inside.has(a) && inside.has(b) && !steps.has(`${a} → ${b}`))
        steps.set(`${a} → ${b}`, `${edge.from} → ${edge.to}`);
    }
    return `${members.join(', ')}: ${[...steps].map(([step, file]) => `${step} (${file})`).join('; ')}`;
  });
}

/** Every relative import of the files under a top-level folder, as project paths. */
function relativeImportsOf(dir: string): Edge[] {
  return sourceFiles(join(root, dir)).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ from: toPosix(relative(root, file)), to: toPosix(relative(root, resolve(dirname(file), spec))) })),
  );
}

const mainEdges = edgesInto(srcMain).filter((edge) => edge.to.startsWith('src-main/'));

describe('the rooms of the desk (docs/architecture.md §1)', () => {
  it('every src-main file sits in a room folder', () => {
    const outside = sourceFiles(srcMain)
      .map((file) => toPosix(relative(root, file)))
      .filter((file) => file.split('/').length < 3 || rankOf(roomOf(file)) === -1);
    expect(outside, `files outside ${ROOMS.join('/, ')}/`).toEqual([]);
  });

  it('no cycle between rooms, nor between the folders inside them', () => {
    expect({ rooms: describeCycles(mainEdges, roomOf), folders: describeCycles(mainEdges, folderOf) }).toEqual({
      rooms: [],
      folders: [],
    });
  });

  it('a room imports only itself and the rooms below it (core ← agents ← files ← api ← launch)', () => {
    const upward = mainEdges
      .filter((edge) => rankOf(roomOf(edge.from)) !== -1)
      .filter((edge) => rankOf(roomOf(edge.to)) === -1 || rankOf(roomOf(edge.to)) > rankOf(roomOf(edge.from)))
      .map((edge) => `${edge.from} → ${edge.to}`);
    expect(upward).toEqual([]);
  });

  it('the core imports no other room', () => {
    expect(existsSync(join(srcMain, 'core')), 'src-main/core/ holds the command core').toBe(true);
    const leaving = mainEdges.filter((edge) => roomOf(edge.from) === 'core' && roomOf(edge.to) !== 'core');
    expect(leaving.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('src-shared imports nothing from the desk, the server or the sender', () => {
    const leaving = relativeImportsOf('src-shared').filter((edge) => /^(src-main|server|src-renderer|src-messaging)(\/|$)/.test(edge.to));
    expect(leaving.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('src-messaging (the sender, §18) imports only src-shared and itself: the desk and the server both use it', () => {
    expect(existsSync(join(root, 'src-messaging')), 'src-messaging/ holds the providers and the dispatcher').toBe(true);
    const leaving = relativeImportsOf('src-messaging').filter((edge) => !/^(src-shared|src-messaging)(\/|$)/.test(edge.to));
    expect(leaving.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('the renderer never imports the node-only sender', () => {
    const reaching = relativeImportsOf('src-renderer').filter((edge) => /^src-messaging(\/|$)/.test(edge.to));
    expect(reaching.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('only the launch room imports Electron', () => {
    const electronImports = ['src-main', 'src-shared', 'src-messaging', 'server', 'src-renderer'].flatMap((dir) =>
      sourceFiles(join(root, dir))
        .map((file) => toPosix(relative(root, file)))
        .filter((file) => !file.startsWith('src-main/launch/'))
        .filter((file) =>
          specifiers(readFileSync(join(root, file), 'utf8')).some(
            (spec) => spec === 'electron' || spec.startsWith('electron/'),
          ),
        ),
    );
    expect(electronImports).toEqual([]);
  });

  it('finds a cycle and names the imports behind it (the check itself works)', () => {
    const edges: Edge[] = [
      { from: 'src-main/core/a/x.ts', to: 'src-main/core/b/y.ts' },
      { from: 'src-main/core/b/y.ts', to: 'src-main/core/a/z.ts' },
    ];
    expect(describeCycles(edges, folderOf)).toEqual([
      'core/a, core/b: core/a → core/b (src-main/core/a/x.ts → src-main/core/b/y.ts); core/b → core/a (src-main/core/b/y.ts → src-main/core/a/z.ts)',
    ]);
    expect(
      specifiers(
        "import type { A } from './a';\nexport { b } from \"../b\";\nconst c = await import('./c');\n// import x from './no'",
      ),
    ).toEqual(['./a', '../b', './c']);
  });
});
