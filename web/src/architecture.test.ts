import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The web app's floors, lowest first (see README.md beside this file): a folder may import from its
 * own folder and from folders on lower floors, never sideways or up. A new folder must be placed here.
 */
export const FLOORS: readonly (readonly string[])[] = [
  ['api'],
  ['i18n'],
  ['ui'],
  ['auth'],
  ['platform'],
  ['live'],
  ['devices', 'relay', 'paging', 'oncall'],
  ['alerts', 'nudges'],
  ['monitoring', 'triage'],
  ['consultation'],
  ['call'],
  ['room', 'replay', 'schedule', 'precall', 'follow', 'admin', 'privacy'],
  ['app'],
];

/** The one import that runs up: the API client's glue (api/ is generated) holds the page's session singleton. */
const EXCEPTIONS = new Set(['api/auth.ts -> auth/session.ts']);

const SRC = dirname(fileURLToPath(import.meta.url));
/** Files at the root of src (main.tsx, this test) sit above everything. */
const ROOT_FLOOR = FLOORS.length;

const floorOf = (folder: string): number => (folder === '' ? ROOT_FLOOR : FLOORS.findIndex((f) => f.includes(folder)));
const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative specifiers of static, type-only, re-export and dynamic imports. */
export function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) specs.push(m[1]!);
  return specs;
}

interface Edge {
  from: string;
  to: string;
}

/** Every import between two files of src, as paths relative to src with '/' separators. */
function importGraph(): Edge[] {
  const posix = (p: string) => p.split(sep).join('/');
  // This file's own examples are not imports.
  const self = fileURLToPath(import.meta.url);
  return sourceFiles(SRC).filter((f) => resolve(f) !== resolve(self)).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8')).map((spec) => ({
      from: posix(relative(SRC, file)),
      to: posix(relative(SRC, resolve(dirname(file), spec))),
    })),
  );
}

/** The imports that break the floors. */
export function violations(edges: readonly Edge[]): string[] {
  const bad: string[] = [];
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b) continue;
    const fa = floorOf(a);
    const fb = floorOf(b);
    const toFile = /\.\w+$/.test(to) ? to : `${to}.ts`;
    if (EXCEPTIONS.has(`${from} -> ${toFile}`)) continue;
    if (fa < 0) bad.push(`${from}: folder '${a}' has no floor`);
    else if (fb < 0) bad.push(`${from} imports ${to}: folder '${b}' has no floor`);
    else if (fb >= fa) bad.push(`${from} (floor ${fa}) imports ${to} (floor ${fb})`);
  }
  return bad;
}

describe('web app floors', () => {
  test('no folder imports from its own floor or a higher one', () => {
    const edges = importGraph();
    expect(edges.length).toBeGreaterThan(300); // the graph was read, not an empty folder
    expect(violations(edges)).toEqual([]);
  });

  test('every folder of src has a floor', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => floorOf(f) < 0)).toEqual([]);
  });

  test('the check itself catches an import that runs up, sideways, or into an unplaced folder', () => {
    expect(
      violations([
        { from: 'live/store.ts', to: 'monitoring/Board' },
        { from: 'room/room.ts', to: 'schedule/schedule' },
        { from: 'nowhere/x.ts', to: 'api/types' },
        { from: 'call/call.ts', to: 'live/consultationHub' },
        { from: 'api/auth.ts', to: 'auth/session' },
      ]),
    ).toEqual([
      'live/store.ts (floor 5) imports monitoring/Board (floor 8)',
      'room/room.ts (floor 11) imports schedule/schedule (floor 11)',
      "nowhere/x.ts: folder 'nowhere' has no floor",
    ]);
    expect(importsOf("import type { A } from '../a/b';\nexport { c } from './c';\nconst m = await import('../d/e');\nimport './x.css';")).toEqual(['../a/b', './c', '../d/e', './x.css']);
  });
});
