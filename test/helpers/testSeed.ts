/**
 * The seed of the statistical tests: SEED from the environment (any integer), else 1.
 * Every statistical test must pass for any seed with the probability it states.
 */
export function testSeed(): number {
  const raw = process.env.SEED;
  if (raw === undefined || raw === '') return 1;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`SEED must be an integer, got ${raw}`);
  return Math.abs(seed);
}

/**
 * The seeds the fuzz and property tests run with: every seed of FUZZ_SEEDS ("first..last", set by
 * `npm run fuzz`), else just testSeed(). Each seed's tests are named after it, so a failure names
 * the seed that replays it (`SEED=<seed> npm test`, or `npm run test:tool` for a test under test/tool).
 */
export function fuzzSeeds(): number[] {
  const raw = process.env.FUZZ_SEEDS;
  if (raw === undefined || raw === '') return [testSeed()];
  const match = /^(\d+)\.\.(\d+)$/.exec(raw);
  if (match === null) throw new Error(`FUZZ_SEEDS must be "first..last", got ${raw}`);
  const [first, last] = [Number(match[1]), Number(match[2])];
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last < first)
    throw new Error(`FUZZ_SEEDS must be "first..last" with first ≤ last, got ${raw}`);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
