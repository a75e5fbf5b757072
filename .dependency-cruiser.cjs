/**
 * The layering of src/, checked by `npm run check:architecture` (part of `npm test`). See
 * docs/architecture.md for the layers these rules keep apart.
 *
 * - kernel: errors, config, clock, logger, caller, deps, db/ and http/ — no feature;
 * - features (agents, registry, kg, events, credit, jobs, inference, formats, webhooks): core/ (pure rules and
 *   domain types), *.repository.ts (the only SQL), *.service.ts and *.job.ts (commands),
 *   *.presenter.ts (wire JSON), *.schemas.ts (TypeBox), *.routes.ts (the HTTP face);
 * - faces: *.routes.ts, pages/, cli/ — they call commands, never repositories;
 * - wiring on top: app.ts, server.ts.
 */
const KERNEL = '^src/(errors|config|clock|logger|metrics|caller|deps)[.]ts$|^src/(db|http)/';
const FEATURES = '^src/(agents|registry|kg|events|credit|jobs|inference|demo|formats|mlflow|webhooks|ops)/';
// The MLflow face is a face throughout: its handlers, lookups and presenters call commands only.
const FACES = '([.]routes[.]ts$|^src/pages/|^src/cli/|^src/mlflow/)';
const CORE = '^src/.*/core/';

module.exports = {
  forbidden: [
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
      to: { path: `${FEATURES}|^src/(pages|cli)/|^src/(app|server)[.]ts$` },
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
