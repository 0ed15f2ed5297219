// The noisy aggregators of the paper, which add noise b·ξ_i to every worker's value themselves:
// Noisy SIGNSGD's vote sign(Σ_i sign(v_i + b·ξ_i)) (Theorem 5) and the noisy median
// median(v_i + b·ξ_i) of Noisy MEDIANSGD (Theorem 6). Their output is random: what a correct one
// satisfies is a distribution, whose moments the exact engine gives.
import type { NoiseFamily } from '../../distributions/NoiseFamily.ts';
import { getNoiseFamily } from '../../distributions/noiseFamilies.ts';
import { MedmeanError } from '../../errors/MedmeanError.ts';
import { noisyMedianMoments } from '../../estimators/noisyMedianMoments.ts';
import { orderStatisticModel } from '../../estimators/orderStatisticModel.ts';

export const noisyRuleNames = ['noisy-sign-vote', 'noisy-median'] as const;
export type NoisyRuleName = (typeof noisyRuleNames)[number];

export interface NoisyRule {
  readonly name: NoisyRuleName;
  readonly family: NoiseFamily;
  /** The noise scale b the aggregator declares it adds. */
  readonly scale: number;
  /** The conventions in words, for the report header. */
  readonly conventions: readonly string[];
  /** The exact mean of one output coordinate when the workers hold `u` (odd M), and its variance where the check tests it. */
  expectation(u: readonly number[]): { readonly mean: number; readonly variance?: number };
  /** Whether `value` is a possible output (the vote is −1, 0 or +1). */
  possible(value: number): boolean;
}

export function createNoisyRule(name: NoisyRuleName, noise: string, scale: number): NoisyRule {
  const api = 'createNoisyRule';
  if (!noisyRuleNames.includes(name)) throw new MedmeanError(api, 'name', `one of ${noisyRuleNames.join(', ')}`, name);
  if (!(typeof scale === 'number' && scale > 0 && Number.isFinite(scale)))
    throw new MedmeanError(api, 'scale', 'a positive finite number', scale);
  const family = getNoiseFamily(noise, api, 'noise');
  const conventions = [
    `noise: b·ξ_i with b = ${scale} and ξ_i ${family.name} (${family.description}), fresh for every worker, coordinate and call`,
  ];
  if (name === 'noisy-median')
    return {
      name,
      family,
      scale,
      conventions,
      expectation: (u) => {
        const { mean, variance } = noisyMedianMoments(u, scale, family);
        return { mean, variance };
      },
      possible: Number.isFinite,
    };
  return {
    name,
    family,
    scale,
    conventions,
    // At odd M the vote is the sign of the median (Proposition 1): E = P(median > 0) − P(median < 0).
    // Its variance, 1 − E², follows from the mean, so only the mean is tested.
    expectation: (u) => {
      const model = orderStatisticModel(Float64Array.from(u), scale, family, (u.length + 1) / 2);
      const zero = (0 - model.uBar) / scale;
      return { mean: model.sf(zero) - model.cdf(zero) };
    },
    possible: (value) => value === -1 || value === 0 || value === 1,
  };
}
