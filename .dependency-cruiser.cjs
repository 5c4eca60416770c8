// The import direction of the house (docs: STYLE.md), checked by `npm run lint`:
//   src/lib <- src/run <- src/api <- src/components <- src/routes <- src/app <- src/main.tsx
// Nothing imports upward, the browser code never imports the Node side, pages do not import each
// other, and there are no cycles (type-only imports count: `tsPreCompilationDeps`).

/** A layer may import only itself and the layers below it. */
const LAYERS = ['lib', 'run', 'api', 'components', 'routes', 'app'];

const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `${layer}-imports-upward`,
  comment: `src/${layer} may import only ${LAYERS.slice(0, index + 1)
    .map((name) => `src/${name}`)
    .join(', ')} (lib <- run <- api <- components <- routes <- app).`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(index + 1).join('|')})/|^src/main\\.tsx$` },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-cycles',
      comment: 'Modules import each other in a circle; move the shared piece down a layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'browser-imports-node-side',
      comment: 'The browser code never imports server/, bench/, e2e/, compat/ or plugin/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(server|bench|e2e|compat|plugin)/' },
    },
    {
      name: 'node-side-imports-ui',
      comment: 'server/, bench/, e2e/, compat/ and plugin/ may import only the pure code of src/run and src/lib.',
      severity: 'error',
      from: { path: '^(server|bench|e2e|compat|plugin)/' },
      to: { path: '^src/', pathNot: '^src/(run|lib)/' },
    },
    {
      name: 'page-imports-page',
      comment: 'A page is imported only by the router; share a piece by moving it to its own module.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/app/router\\.tsx$' },
      to: { path: '^src/routes/[^/]+-page\\.tsx$' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing (a typo, or a package missing from package.json).',
      severity: 'error',
      // compat/ has its own install (npm ci --prefix compat), which may not be there.
      from: { pathNot: '^compat/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|compat/node_modules|compat/\\.data|test-results|playwright-report|bench/\\.runs)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
