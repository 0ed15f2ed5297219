import { resolveNoiseOptions, type NoiseOptions } from './noiseOptions.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

/**
 * Returns fresh copies v_i + b·ξ_i of the M vectors, drawing ξ worker by worker (worker 0's d
 * coordinates first), so the same stream always perturbs the same entries the same way.
 */
export function addNoise(api: string, vectors: Vectors, options: NoiseOptions): Float64Array[] {
  const { M, d } = validateVectors(api, vectors);
  const { b, family, stream } = resolveNoiseOptions(api, options);
  const noisy: Float64Array[] = [];
  for (let i = 0; i < M; i++) {
    const row = family.sample(stream, new Float64Array(d));
    const source = vectors[i];
    for (let j = 0; j < d; j++) row[j] = source[j] + b * row[j];
    noisy.push(row);
  }
  return noisy;
}
