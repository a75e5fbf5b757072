/**
 * The layering of src/, checked by `npm run check:architecture` (part of `npm test`). See
 * docs/architecture.md for the layers these rules keep apart.
 *
 * - kernel: errors, config, clock, logger, metrics, caller, deps, unit-of-work, domain-events,
 *   sweeper, db/, http/ and search/ (the search language) — no feature;
 * - features, in the order of FEATURE_ORDER (each may import the ones before it, never one after
 *   it, so the folders form no cycle): core/ (pure rules and domain types), *.repository.ts (the
 *   only SQL, private to its feature), *.service.ts and *.job.ts (commands), *.subscribers.ts
 *   (reactions to domain events), *.presenter.ts (wire JSON), *.schemas.ts (TypeBox), *.routes.ts
 *   (the HTTP face);
 * - faces: *.routes.ts, *.handlers.ts, mlflow/, pages/, cli/ — they call commands, never repositories;
 * - wiring on top: app.ts, app-deps.ts, server.ts, subscribers.ts.
 */
const KERNEL =
  '^src/(errors|config|clock|logger|metrics|caller|deps|unit-of-work|domain-events|sweeper)[.]ts$|^src/(db|http|search)/';
// Bottom to top. A folder of registry/ counts as a feature of its own, so its parts form no cycle either.
const FEATURE_ORDER = [
  'inference',
  'events',
  'credit',
  'agents',
  'registry/core',
  'registry/lineages',
  'registry/artifacts',
  'registry/models',
  'kg',
  'retraction',
  'formats',
  'jobs',
  'governance',
  'webhooks',
  'ops',
  'demo',
  'mlflow|pages',
  'cli',
];
const FEATURES = `^src/(${FEATURE_ORDER.join('|')})/`;
// The MLflow face is a face throughout: its handlers, lookups and presenters call commands only.
const FACES = '([.]routes[.]ts$|[.]handlers[.]ts$|^src/pages/|^src/cli/|^src/mlflow/)';
const CORE = '^src/.*/core/';

/** One rule per feature: it imports no feature above it in FEATURE_ORDER. */
const featureOrderRules = FEATURE_ORDER.slice(0, -1).map((feature, index) => ({
  name: `feature-order:${feature}`,
  severity: 'error',
  comment: `${feature} sits below ${FEATURE_ORDER.slice(index + 1).join(', ')}: it may not import them.`,
  from: { path: `^src/(${feature})/` },
  to: { path: `^src/(${FEATURE_ORDER.slice(index + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...featureOrderRules,
    {
      name: 'faces-import-no-face',
      severity: 'error',
      comment: 'The MLflow face and the pages are side by side: what both need is a command.',
      from: { path: '^src/(mlflow|pages)/' },
      to: { path: '^src/(mlflow|pages)/', pathNot: '^src/$1/' },
    },
    {
      name: 'no-foreign-repository',
      severity: 'error',
      comment:
        "A repository is its feature's private door to its tables; another feature asks that feature's service.",
      from: { path: '^src/([^/]+)/', pathNot: '[.]test[.]ts$' },
      to: { path: '[.]repository[.]ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'every-folder-in-the-order',
      severity: 'error',
      comment: 'A new feature folder takes its place in FEATURE_ORDER, so the order check covers it.',
      from: { path: '^src/', pathNot: `${KERNEL}|${FEATURES}|^src/(app|app-deps|server|subscribers)[.]ts$|^src/[^/]+[.]test[.]ts$` },
      to: {},
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders are layers too: two folders that import each other cannot be understood apart.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules form layers; a cycle means two of them cannot be understood apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-imports-no-feature',
      severity: 'error',
      comment: 'http/, db/ and the top-level kernel files serve every feature and know none of them.',
      from: { path: KERNEL },
      to: { path: `${FEATURES}|^src/(app|app-deps|server|subscribers)[.]ts$` },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'A pure core (rules, buckets, PageRank, compare…) imports no database, HTTP or command.',
      from: { path: CORE },
      to: {
        path: '^src/(db|http)/|[.](repository|service|routes|job)[.]ts$|^src/deps[.]ts$',
        pathNot: '[.]test[.]ts$',
      },
    },
    {
      name: 'core-uses-no-driver',
      severity: 'error',
      from: { path: CORE, pathNot: '[.]test[.]ts$' },
      to: { path: 'node_modules/(drizzle-orm|pg|@electric-sql|fastify|@fastify)/' },
    },
    {
      name: 'repositories-import-no-http',
      severity: 'error',
      comment: 'Repositories are the data layer: no HTTP, no commands, no faces.',
      from: { path: '[.]repository[.]ts$' },
      to: { path: `^src/http/|[.](service|routes|presenter|job)[.]ts$|^src/(pages|cli)/` },
    },
    {
      name: 'routes-import-no-routes',
      severity: 'error',
      comment: 'Route modules are wired side by side by app.ts; shared code lives in a command or in http/.',
      from: { path: '[.]routes[.]ts$' },
      to: { path: '[.]routes[.]ts$' },
    },
    {
      name: 'faces-call-commands',
      severity: 'error',
      comment: 'The HTTP API, the pages and the CLI call the same commands; none reaches a repository.',
      from: { path: FACES },
      to: { path: '[.]repository[.]ts$' },
    },
    {
      name: 'commands-know-no-face',
      severity: 'error',
      comment: 'Commands (services, jobs) serve every face, so they import no HTTP and no face.',
      from: { path: '[.](service|job)[.]ts$' },
      to: { path: `^src/http/|^src/(pages|cli)/|[.]routes[.]ts$|node_modules/(fastify|@fastify)/` },
    },
    {
      name: 'sql-lives-in-repositories',
      severity: 'error',
      comment: 'Only repositories and db/ talk SQL; everything else calls them.',
      from: { path: '^src/', pathNot: '[.]repository[.]ts$|^src/db/|[.]test[.]ts$' },
      to: { path: 'node_modules/drizzle-orm/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code (entry points and tests excepted).',
      from: {
        orphan: true,
        pathNot: ['[.]test[.]ts$', '^src/cli/main[.]ts$', '[.]d[.]ts$', '[.]mjs$'],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/|^node_modules/',
    exclude: { path: '^src/demo/models/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
