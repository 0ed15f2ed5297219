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
