// Dependency rules, checked by `npm run lint` (and so by CI): no import cycles of any kind (static,
// type-only or dynamic), and src/'s folders import only downwards through the layers below.
// docs/architecture.md draws the same layers.

/** src/ folders from the bottom up; a folder may import its own tier and the tiers below it. */
const tiers = [
  // verdict: criteria (measured value, prediction, tolerance, α) and the judge that decides them.
  ['errors', 'format', 'package', 'types', 'verdict'],
  ['rng', 'parallel'],
  // WebAssembly kernels (the ziggurat sampler and the median networks) that the samplers call.
  ['wasm'],
  ['distributions'],
  ['aggregators'],
  // The numerical core: exact engine, Monte Carlo kernels, problems and the algorithms on them.
  ['estimators', 'problems', 'algorithms'],
  ['check', 'theorems'],
  ['report', 'bench'],
  ['cli'],
  // The stochastic tests and the annotated-aggregator corpus that `npm run calibrate` measures.
  ['calibration'],
];

const folder = (name) => `^src/${name}/`;
const above = (index) => tiers.slice(index + 1).flat();

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle, static, type-only or dynamic.',
      from: {},
      to: { circular: true },
    },
    ...tiers.flatMap((tier, index) =>
      index === tiers.length - 1
        ? []
        : [
            {
              name: `layer-${tier.join('-')}`,
              severity: 'error',
              comment: `src/{${tier.join(',')}} may not import a higher layer (${above(index).join(', ')}).`,
              from: { path: `^src/(${tier.join('|')})/` },
              to: { path: `^src/(${above(index).join('|')})/` },
            },
          ],
    ),
    {
      name: 'check-and-theorems-apart',
      severity: 'error',
      comment: 'medmean check does not depend on the claims, nor the claims on medmean check.',
      from: { path: folder('(check|theorems)') },
      to: { path: folder('(check|theorems)'), pathNot: '^src/$1/' },
    },
    {
      name: 'src-is-the-product',
      severity: 'error',
      comment: 'src/ imports nothing from tests, scripts or benchmarks.',
      from: { path: '^src/' },
      to: { path: '^(test|properties|scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|reports|\\.stryker-tmp)/' },
  },
};
