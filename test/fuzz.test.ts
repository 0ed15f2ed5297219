// Bad input anywhere in the public API: every call either returns a valid result or throws
// MedmeanError with a message naming the parameter — never an error from deep inside, never a
// silent NaN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as medmean from '../src/index.ts';
import { fuzzSeeds } from './helpers/testSeed.ts';

const { MedmeanError } = medmean;

const hostile = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    0,
    -0,
    -1,
    1e308,
    5e-324,
    2 ** 53,
    1e12,
    null,
    undefined,
    '',
    'gaussian',
    'cauchy',
    true,
    [],
    [[]],
    [[1], []],
    [[1, 2], [3]],
    [[NaN]],
    [[Infinity]],
    // Degenerate but well-typed: equal values (a log-log fit of equal x divided 0 by 0).
    [2, 2, 2],
    [1, 1, 1, 1, 1],
    {},
    () => 1,
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.array(fc.double(), { maxLength: 5 }),
  fc.array(fc.array(fc.oneof(fc.double(), fc.constant(NaN)), { maxLength: 4 }), { maxLength: 4 }),
  fc.anything({ maxDepth: 2 }),
);

/** Every number reachable in the result (arrays, typed arrays, plain objects) must not be NaN. */
function hasNaN(value: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (typeof value === 'number') return Number.isNaN(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array).some((v) => Number.isNaN(v));
  if (Array.isArray(value)) return value.some((v) => hasNaN(v, depth + 1));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => hasNaN(v, depth + 1));
  return false;
}

const api: Record<string, (a: unknown, b: unknown, c: unknown) => unknown> = {
  mean: (a) => medmean.mean(a as never),
  median: (a, b) => medmean.median(a as never, b as never),
  majorityVote: (a) => medmean.majorityVote(a as never),
  noisyMedian: (a, b, c) => medmean.noisyMedian(a as never, { b, noise: c, stream: medmean.deriveStream(1) } as never),
  noisyVote: (a, b) => medmean.noisyVote(a as never, { b, stream: medmean.deriveStream(1) } as never),
  deriveStream: (a, b) => medmean.deriveStream(a as never, b as never).next(),
  getNoiseFamily: (a) => medmean.getNoiseFamily(a).name,
  noisyMedianMoments: (a, b, c) => medmean.noisyMedianMoments(a as never, b as never, c as never),
  sigmaMid2: (a, b) => medmean.sigmaMid2(a as never, b as never),
  monteCarloMedianMoments: (a, b, c) =>
    medmean.monteCarloMedianMoments(a as never, b as never, 'gaussian', c as never, medmean.deriveStream(1)),
  evenMedianMoments: (a, b, c) => medmean.evenMedianMoments(a as never, b as never, c as never).variance,
  evenMedianMonteCarloMoments: (a, b, c) =>
    medmean.evenMedianMonteCarloMoments(a as never, b as never, 'gaussian', c as never, medmean.deriveStream(1)),
  fitLogLogSlope: (a, b) => medmean.fitLogLogSlope(a as never, b as never),
  heterogeneousQuadratic: (a, b) => medmean.heterogeneousQuadratic(a as never, b as never).L,
  scalarProblem: (a) => medmean.scalarProblem(a as never).minValue,
  runAlgorithm: (a, b, c) =>
    medmean.runAlgorithm({ algorithm: a, problem: medmean.scalarProblem([0, 1, 5]), steps: b, lr: c } as never).f,
  'runAlgorithm noisy': (a, b, c) =>
    medmean.runAlgorithm({
      algorithm: 'noisy-mediansgd',
      problem: medmean.scalarProblem([0, 1, 5]),
      steps: 5,
      lr: 0.1,
      b: a,
      noise: b,
      x0: c,
      stream: medmean.deriveStream(2),
    } as never).x,
  integrate: (a, b) => medmean.integrate((x) => Math.exp(-x * x), a as never, b as never).value,
  'integrate f': (a) => medmean.integrate(a as never, 0, 1).value,
  weightedMean: (a, b) => medmean.weightedMean(a as never, b as never),
  trimmedMean: (a, b) => medmean.trimmedMean(a as never, b as never),
  trimCount: (a, b) => medmean.trimCount(a as never, b as never),
  sign: (a) => medmean.sign(a as never),
  erf: (a) => medmean.erf(a as never),
  erfc: (a) => medmean.erfc(a as never),
  fillUniform: (a, b) => medmean.fillUniform(a as never, b as never),
  fillStandardNormal: (a, b) => medmean.fillStandardNormal(a as never, b as never),
  stationaryGaps: (a, b, c) => medmean.stationaryGaps(a as never, b as never, c as never),
  sampledNoisyMedian: (a, b, c) => medmean.sampledNoisyMedian(a as never, b as never, c as never),
  heterogeneousLogistic: (a, b, c) =>
    medmean.heterogeneousLogistic(a as never, b as never, c as never, medmean.deriveStream(1)).L,
  'heterogeneousLogistic stream': (a) => medmean.heterogeneousLogistic(2, 2, 2, a as never).L,
  'monteCarloMedianMoments stream': (a) => medmean.monteCarloMedianMoments([0, 1, 5], 1, 'gaussian', 10, a as never),
  parseProblemSpec: (a) => medmean.parseProblemSpec(a as never).L,
  computeVerdict: (a) => medmean.computeVerdict(a as never),
  createVerifyContext: (a, b, c) => medmean.createVerifyContext(a as never, b as never, c as never).seed,
  // Only the synchronous part: a context that passes the check starts a claim's work, which is not run here.
  'claims verify': (a) =>
    typeof a === 'object' && a !== null && 'stream' in a ? 0 : medmean.claims[0].verify(a as never) && 0,
  ...Object.fromEntries(
    medmean.noiseFamilies.flatMap((family) => [
      ...(['pdf', 'cdf', 'sf', 'dpdf', 'd2pdf', 'quantile'] as const).map((method) => [
        `${family.name}.${method}`,
        (a: unknown) => family[method](a as never),
      ]),
      [`${family.name}.sample`, (a: unknown, b: unknown) => family.sample(a as never, b as never)],
    ]),
  ),
};

/**
 * Public functions the fuzz does not call, and why: each has its own bad-input tests. Every other
 * exported function must be in `api` (the test below fails when one is added without it).
 */
const notFuzzed: Record<string, string> = {
  MedmeanError: 'the error class itself',
  runReport: 'asynchronous and writes reports: its options are validated in test/tool/report.test.ts',
};

describe('the fuzzed API', () => {
  it('covers every exported function and every method of the exported noise families', () => {
    const exported = Object.entries(medmean)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .filter((name) => !(name in notFuzzed));
    // Keys name the function, then what varies when it is called more than one way ('integrate f').
    const called = new Set(Object.keys(api).map((name) => name.split(' ')[0]));
    expect(exported.filter((name) => !called.has(name))).toEqual([]);
    for (const family of medmean.noiseFamilies)
      for (const [method, value] of Object.entries(family))
        if (typeof value === 'function') expect(api).toHaveProperty([`${family.name}.${method}`]);
  });
});

describe.each(fuzzSeeds())('hostile input (seed %i)', (seed) => {
  describe.each(Object.entries(api))('%s', (_name, call) => {
    it('returns a NaN-free result or throws MedmeanError naming the parameter', () => {
      fc.assert(
        fc.property(hostile, hostile, hostile, (a, b, c) => {
          let result: unknown;
          try {
            result = call(a, b, c);
          } catch (error) {
            expect(error, String(error)).toBeInstanceOf(MedmeanError);
            expect((error as Error).message).toMatch(
              /^[\w.-]+: invalid argument\. `[^`]+` must be .+\. Value: `.*`\.$/s,
            );
            return;
          }
          expect(hasNaN(result), `NaN in ${JSON.stringify(result)?.slice(0, 200)}`).toBe(false);
        }),
        // Bounded work, not a time limit: the same seed checks the same 150 inputs on any machine.
        { seed, numRuns: 150, includeErrorInReport: true },
      );
    });
  });
});
