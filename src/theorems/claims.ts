import type { Claim } from './Claim.ts';
import { prop1 } from './prop1-majorityVoteIsSignOfMedian.ts';
import { thm1 } from './thm1-signSgdBound.ts';
import { thm2 } from './thm2-medianSgdBound.ts';
import { thm3 } from './thm3-medianMeanGap.ts';
import { thm4aBias } from './thm4a-noisyMedianBias.ts';
import { thm4aVariance } from './thm4a-noisyMedianVariance.ts';
import { thm4bSymmetry } from './thm4b-noisyMedianSymmetry.ts';
import { thmF1 } from './thmF1-sampledNoisyMedian.ts';
import { thm5 } from './thm5-noisySignSgd.ts';
import { thm6 } from './thm6-noisyMedianSgdRate.ts';
import { mnistHeterogeneous } from './mnist-heterogeneous.ts';
import { cifarAnalogue } from './cifar-analogue.ts';

/** The claims medmean verifies today, in report order. */
export const claims: readonly Claim[] = [
  prop1,
  thm1,
  thm2,
  thm3,
  thm4aBias,
  thm4aVariance,
  thm4bSymmetry,
  thmF1,
  thm5,
  thm6,
  mnistHeterogeneous,
  cifarAnalogue,
];
