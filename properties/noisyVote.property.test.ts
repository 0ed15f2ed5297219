import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addNoise } from '../src/aggregators/addNoise.ts';
import { majorityVote } from '../src/aggregators/majorityVote.ts';
import { noisyVote } from '../src/aggregators/noisyVote.ts';
import { noiseFamilyNames } from '../src/distributions/noiseFamilies.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { fuzzSeeds } from '../test/helpers/testSeed.ts';

// noisyVote fuses addNoise and majorityVote (one noise buffer, votes tallied as they are drawn).
// The composition is its reference: the same votes from the same stream, and the stream left where
// the composition leaves it, at lengths on both sides of the sampler's bulk threshold (64).
const entry = fc.oneof(
  fc.constantFrom(0, -0, 1, -1),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, min: -1e-300, max: 1e-300 }),
);
const input = fc
  .record({
    M: fc.integer({ min: 1, max: 12 }),
    d: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(63, 64, 65, 200)),
  })
  .chain(({ M, d }) =>
    fc.record({
      vectors: fc.array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: M, maxLength: M }),
      b: fc.oneof(fc.constantFrom(1e-300, 1e-3, 1, 1e3), fc.double({ min: 1e-6, max: 1e6, noNaN: true })),
      noise: fc.constantFrom(...noiseFamilyNames),
      key: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    }),
  );

describe.each(fuzzSeeds())('noisyVote (seed %i)', (seed) => {
  it('equals majorityVote(addNoise(…)) on the same stream, and leaves the stream where it does', () => {
    fc.assert(
      fc.property(input, ({ vectors, b, noise, key }) => {
        const fused = deriveStream(key, 'noisyVote');
        const composed = deriveStream(key, 'noisyVote');
        const frozen = Object.freeze(vectors.map((row) => Object.freeze([...row])));
        expect(Array.from(noisyVote(frozen, { b, noise, stream: fused }))).toEqual(
          Array.from(majorityVote(addNoise('noisyVote', frozen, { b, noise, stream: composed }))),
        );
        expect(fused.next()).toBe(composed.next());
      }),
      { seed, numRuns: 200, includeErrorInReport: true },
    );
  });
});
