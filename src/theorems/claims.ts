import type { Claim, ClaimId } from './Claim.ts';
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

/** The claims medmean verifies today, in report order. */
export const claims: readonly Claim[] = [prop1, thm1, thm2, thm3, thm4aBias, thm4aVariance, thm4bSymmetry, thmF1, thm5, thm6, mnistHeterogeneous];

/** Paper references of every claim id, including those not yet verified. */
export const claimReferences: Readonly<Record<ClaimId, string>> = {
  prop1: 'App. A, (13)–(20)',
  thm1: 'App. B, (23)–(31)',
  thm2: 'App. C, (32)–(33)',
  thm3: 'App. D, (34)–(42)',
  'thm4a-bias': 'App. E.1, (6), (43)',
  'thm4a-variance': 'App. E.1, (7)',
  'thm4b-symmetry': 'App. E.2, (8)–(10), (45)–(57)',
  thmF1: 'App. F, (58)–(70)',
  thm5: 'App. G, (71)–(90)',
  thm6: 'App. H, (91)–(94)',
  'mnist-heterogeneous': 'App. I',
};
