import { describe, expect, it, vi } from 'vitest';

// A realistic bug: the median of an odd count taken one place too low (off by one).
vi.mock('../src/aggregators/median.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/aggregators/median.ts')>();
  return {
    ...original,
    median: (vectors: ReadonlyArray<ArrayLike<number>>) => {
      const M = vectors.length;
      const d = vectors[0].length;
      const out = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const column = Float64Array.from(vectors, (row) => row[j]).sort();
        out[j] = column[Math.max(0, (M >> 1) - 1)];
      }
      return out;
    },
  };
});

const { claims, computeVerdict, createVerifyContext } = await import('../src/index.ts');

describe('the claim checks have power against a buggy median', () => {
  // Theorem 4's claims do not use the aggregators; their power is shown by their negative controls
  // and by the engine's reference tests.
  it.each(claims.filter((claim) => ['prop1', 'thm3'].includes(claim.id)).map((claim) => [claim.id, claim] as const))(
    '%s is not marked as holding',
    async (id, claim) => {
      const evidence = await claim.verify(createVerifyContext(1, id, 'quick'));
      expect(computeVerdict(evidence)).toBe('violated');
    },
  );
});
