// The layer table of DESIGN.md (and the README's "Layout"), as rules `npm test` enforces:
// `npm run boundaries`. Each rule names one layer and what it may use; an import of any
// other project code from that layer is an error. Type-only imports count like any other
// (tsPreCompilationDeps), so a type cannot carry an arrow the table forbids.
// infra/, test/ and bench/ are free, and so are tests beside the code (*.test.ts).

/** Project code: everything of ours, as opposed to npm packages and Node's own modules. */
const PROJECT = '^(shared|functions|infra|test|bench|web)/|^[^/]+\\.[cm]?[jt]s$';
const LOG = '^shared/log\\.ts$';
const ROUTES = '^shared/routes\\.ts$';
const TESTS = '\\.test\\.ts$';

/** One rule per layer: from `folder`, project code may only reach `mayUse` (and the layer itself). */
function layer(name, folder, mayUse, comment) {
  return {
    name: `layer-${name}`,
    comment,
    severity: 'error',
    from: { path: folder, pathNot: TESTS },
    to: { path: PROJECT, pathNot: [folder, ...mayUse] },
  };
}

export default {
  forbidden: [
    layer('adapters', '^functions/', ['^shared/http/', '^shared/api/', '^shared/usecases/', '^shared/pages/', ROUTES, LOG],
      'functions/ may use http, api, usecases and pages (+ shared/routes.ts, shared/log.ts)'),
    layer('edge', '^shared/http/', ['^shared/api/', '^shared/domain/', ROUTES, LOG],
      'shared/http may use api and domain (+ shared/routes.ts, shared/log.ts)'),
    layer('contracts', '^shared/api/', ['^shared/domain/'], 'shared/api may use domain'),
    layer('pages', '^shared/pages/', ['^shared/domain/'], 'shared/pages may use domain'),
    layer('usecases', '^shared/usecases/', ['^shared/domain/', '^shared/store/', '^shared/mail/', LOG],
      'shared/usecases may use domain, store and mail (+ shared/log.ts)'),
    layer('mail', '^shared/mail/', ['^shared/domain/', LOG], 'shared/mail may use domain (+ shared/log.ts)'),
    layer('store', '^shared/store/', ['^shared/domain/'], 'shared/store may use domain'),
    layer('log', LOG, [], 'shared/log.ts is a platform utility: it uses no layer (any layer but domain may use it)'),
    {
      name: 'layer-rules',
      comment: 'shared/domain is pure: it imports nothing but itself (no npm package, no node: module)',
      severity: 'error',
      from: { path: '^shared/domain/', pathNot: TESTS },
      to: { pathNot: '^shared/domain/' },
    },
    {
      name: 'layer-route-table',
      comment: 'shared/routes.ts imports nothing: CDK, the local server and the edge all read it',
      severity: 'error',
      from: { path: ROUTES },
      to: {},
    },
    {
      name: 'layer-web',
      comment: 'web/src talks to the API over HTTP: of shared it uses only the pure domain and the contracts\' types',
      severity: 'error',
      from: { path: '^web/src/', pathNot: TESTS },
      to: { path: PROJECT, pathNot: ['^web/', '^shared/domain/', '^shared/api/'] },
    },
    {
      name: 'layer-web-api-types-only',
      comment: 'web/src takes only types from shared/api (a schema would bring zod and the server\'s code into the page)',
      severity: 'error',
      from: { path: '^web/src/', pathNot: TESTS },
      // preCompilationOnly: the import is gone once types are stripped (`import type`,
      // `export type … from`); a module imported for types and values both is a value import.
      to: { path: '^shared/api/', preCompilationOnly: false },
    },
    {
      name: 'no-circular-shared',
      comment: 'no import circle inside shared/',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^shared/', circular: true },
    },
    {
      name: 'resolvable',
      comment: 'every import of project code resolves (an alias the check cannot follow would hide its arrow)',
      severity: 'error',
      from: { path: PROJECT },
      to: { path: '^[#.]', couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.data|web/dist)/' },
    // 'specify': type-only imports are cruised like the rest, and marked preCompilationOnly.
    tsPreCompilationDeps: 'specify',
    tsConfig: { fileName: 'tsconfig.json' },
    // package.json "imports" (#shared/*, #functions/*…) are resolved as Node resolves them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
