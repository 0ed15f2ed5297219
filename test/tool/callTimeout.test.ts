import { describe, expect, it } from 'vitest';
import { callTimeoutMs } from '../../src/check/callTimeout.ts';

describe('callTimeoutMs', () => {
  it('keeps the base limit for small inputs and adds 0.02 ms per value for large ones', () => {
    expect(callTimeoutMs(2000, [[1], [2], [3]])).toBe(2000);
    expect(
      callTimeoutMs(
        2000,
        Array.from({ length: 5 }, () => new Float64Array(100_003)),
      ),
    ).toBe(12_000);
  });
});
