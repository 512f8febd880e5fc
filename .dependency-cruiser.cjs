// The import layering, checked by `npm run lint:deps` and test/unit/import-layering.test.ts.
// ARCHITECTURE.md describes the layers; this file is what holds them.

const CORE = 'server/src/core/';

/**
 * The folders (and top-level files) of the core, bottom first. A module may import its own rank
 * or a lower one, never a higher one; within a rank, folders may not import each other in a cycle.
 * A new core folder or top-level file must be placed here (rule core-unranked).
 */
const CORE_RANKS = [
  // Plain data and text: the finding shapes, the clock, text utilities, the generator names.
  ['types.ts', 'platform.d.ts', 'clock.ts', 'text/', 'generator-names.ts'],
  // The recording of reads, which the tree code below the model may use.
  ['tracking/'],
  ['workspace/'],
  ['config/'],
  ['model/'],
  ['output/'],
  ['rules/', 'kubernetes/'],
  // The runner: it enumerates each rule's items and decides what runs again after an edit.
  ['incremental/'],
  ['analysis.ts', 'host.ts', 'follow-ons.ts', 'migrations/', 'features/'],
  // The entry point: what the front ends and the generators may use.
  ['index.ts'],
];

/** The front ends and what each of them may import besides the core (bottom first). */
const FRONT_ENDS = {
  // What the client, the server and the browser agree on (commands, protocol shapes), over core types.
  'shared/': [],
  'generators/': [],
  'server/src/node/': ['generators/'],
  'server/src/lsp/': ['shared/', 'generators/', 'server/src/node/'],
  'server/src/cli/': ['shared/', 'generators/', 'server/src/node/', 'server/src/lsp/'],
  'web/': ['shared/', 'generators/'],
  'client/': ['shared/'],
};

/**
 * Imports that break a rule today and are on their way out. Each is one exact edge (importing
 * file → imported file); a new edge of the same kind still fails, and an entry whose edge is
 * gone must be removed (the test checks that every entry still matches an import).
 */
const KNOWN_EDGES = [];

/**
 * Folders on a folder cycle today, each only through KNOWN_EDGES (the test checks that the
 * folder graph without those edges has no cycle, and that each folder here is still on one).
 */
const KNOWN_CYCLE_FOLDERS = [];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A regular expression matching a folder (ending in /) and everything under it, or one file. */
const place = (entry) => (entry.endsWith('/') ? `^${escapeRegExp(entry)}` : `^${escapeRegExp(entry)}$`);
const anyOf = (patterns) => patterns.join('|');
const corePlace = (entry) => place(CORE + entry);

/**
 * A forbidden rule, minus the known edges it would report: the importing files of known edges
 * are left out of the general rule and get a rule of their own that spares exactly their edges.
 */
function forbid(name, comment, from, to) {
  const fromRe = new RegExp(from);
  const toRe = new RegExp(to);
  const known = KNOWN_EDGES.filter((edge) => fromRe.test(edge.from) && toRe.test(edge.to));
  const importers = [...new Set(known.map((edge) => edge.from))];
  const general = {
    name,
    comment,
    severity: 'error',
    from: importers.length > 0 ? { path: from, pathNot: anyOf(importers.map(place)) } : { path: from },
    to: { path: to },
  };
  const spared = importers.map((importer) => ({
    name,
    comment,
    severity: 'error',
    from: { path: place(importer) },
    to: { path: to, pathNot: anyOf(known.filter((edge) => edge.from === importer).map((edge) => place(edge.to))) },
  }));
  return [general, ...spared];
}

function coreRankRules() {
  return CORE_RANKS.flatMap((rank, level) => {
    const higher = CORE_RANKS.slice(level + 1).flat();
    if (higher.length === 0) return [];
    return forbid(
      'core-upward',
      `A core module imports a core folder ranked above it (ranks in CORE_RANKS: ${rank.join(', ')} sit below ${higher.join(', ')}).`,
      anyOf(rank.map(corePlace)),
      anyOf(higher.map(corePlace)),
    );
  });
}

const FRONT_END_PLACES = [...Object.keys(FRONT_ENDS), 'bench/', 'scripts/', 'test/', 'shared/'];

function frontEndRules() {
  const frontEnds = Object.entries(FRONT_ENDS).flatMap(([frontEnd, allowed]) =>
    forbid(
      'front-end-layering',
      `${frontEnd} may import the core${allowed.length > 0 ? ` and ${allowed.join(', ')}` : ''}, no other front end.`,
      place(frontEnd),
      anyOf(FRONT_END_PLACES.filter((other) => other !== frontEnd && !allowed.includes(other)).map(place)),
    ),
  );
  return [
    ...forbid('core-imports-front-end', 'The core is imported by the front ends and imports none of them.', place(CORE), anyOf(FRONT_END_PLACES.map(place))),
    ...frontEnds,
    ...forbid(
      'core-entry-point',
      'Front ends and generators use the core through its entry point, server/src/core/index.ts, only (platform.d.ts declares the globals the core may use, not code).',
      anyOf(Object.keys(FRONT_ENDS).map(place)),
      `${place(CORE)}(?!index\\.ts$|platform\\.d\\.ts$)`,
    ),
    ...forbid('client-imports-server', 'The VS Code client talks to the server over the protocol and imports no server code.', place('client/'), place('server/')),
  ];
}

function folderCycleRule() {
  // The core's top-level files (types.ts at the bottom, analysis.ts at the top) share one folder,
  // so that folder is left out here; the rank rules order those files one by one.
  const spared = [CORE.slice(0, -1), ...KNOWN_CYCLE_FOLDERS].map((folder) => `^${escapeRegExp(folder)}$`);
  return {
    name: 'folder-cycle',
    comment: 'Folders import each other in a cycle: one of them imports the other against the layering.',
    severity: 'error',
    scope: 'folder',
    from: { pathNot: anyOf(spared) },
    to: { circular: true, pathNot: anyOf(spared) },
  };
}

const ALL_CORE_RANKED = anyOf(CORE_RANKS.flat().map(corePlace));

module.exports = {
  forbidden: [
    ...coreRankRules(),
    {
      name: 'core-unranked',
      comment: 'A core module that CORE_RANKS does not place: add its folder or file to a rank.',
      severity: 'error',
      from: { path: place(CORE), pathNot: ALL_CORE_RANKED },
      to: {},
    },
    {
      name: 'core-unranked',
      comment: 'A core module that CORE_RANKS does not place: add its folder or file to a rank.',
      severity: 'error',
      from: {},
      to: { path: place(CORE), pathNot: ALL_CORE_RANKED },
    },
    ...frontEndRules(),
    folderCycleRule(),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/|^server/src/core/model/generated/' },
    tsPreCompilationDeps: true,
    metrics: true,
  },
};
// For the test and the cycle picture; not enumerable, so that the
// configuration keeps to dependency-cruiser's schema.
for (const [name, value] of Object.entries({ KNOWN_EDGES, KNOWN_CYCLE_FOLDERS, CORE_RANKS })) {
  Object.defineProperty(module.exports, name, { value, enumerable: false });
}
