// medmean's public API. Every public name is listed here explicitly.

export { MedmeanError } from './errors/MedmeanError.ts';

export { deriveStream } from './rng/RandomStream.ts';
export { fillUniform, fillStandardNormal } from './distributions/publicSamplers.ts';
export type { RandomStream, KeyPart } from './rng/RandomStream.ts';

export type { NoiseFamily, NoiseHypotheses } from './distributions/NoiseFamily.ts';
// The families and special functions check their arguments here; the kernels they wrap do not.
export {
  noiseFamilies,
  noiseFamilyNames,
  getNoiseFamily,
  gaussian,
  laplace,
  logistic,
  uniform,
  studentT5,
  centredExponential,
} from './distributions/publicNoiseFamilies.ts';
export { erf, erfc } from './distributions/special/publicErf.ts';

export { mean } from './aggregators/mean.ts';
export { median } from './aggregators/median.ts';
export type { MedianOptions, EvenMedianRule } from './aggregators/median.ts';
export { majorityVote } from './aggregators/majorityVote.ts';
export type { VoteOptions } from './aggregators/majorityVote.ts';
export { weightedMean } from './aggregators/weightedMean.ts';
export { trimmedMean, trimCount } from './aggregators/trimmedMean.ts';
export type { TrimOptions } from './aggregators/trimmedMean.ts';
export { noisyMedian } from './aggregators/noisyMedian.ts';
export { noisyVote } from './aggregators/noisyVote.ts';
export { sign } from './aggregators/publicSign.ts';
export type { NoiseOptions } from './aggregators/noiseOptions.ts';
export type { Vectors } from './aggregators/validateVectors.ts';

export { integrate } from './estimators/integrate.ts';
export { noisyMedianMoments, sigmaMid2 } from './estimators/noisyMedianMoments.ts';
export type { NoisyMedianMoments } from './estimators/noisyMedianMoments.ts';
export { EVEN_MEDIAN_MAX_M, evenMedianMoments } from './estimators/evenMedianMoments.ts';
export type { EvenMedianMoments } from './estimators/evenMedianMoments.ts';
export { evenMedianMonteCarloMoments } from './estimators/evenMedianMonteCarloMoments.ts';
export { monteCarloMedianMoments } from './estimators/monteCarloMedianMoments.ts';
export { sampledNoisyMedian } from './estimators/sampledNoisyMedian.ts';
export { fitLogLogSlope } from './estimators/fitLogLogSlope.ts';
export { stationaryGaps } from './estimators/stationaryGap.ts';
export type { Integral, IntegrateOptions } from './estimators/integrate.ts';

export type { Problem } from './problems/Problem.ts';
export { heterogeneousQuadratic } from './problems/heterogeneousQuadratic.ts';
export { scalarProblem } from './problems/scalarProblem.ts';
export { heterogeneousLogistic } from './problems/heterogeneousLogistic.ts';
export { parseProblemSpec } from './problems/parseProblemSpec.ts';

export { algorithmNames } from './algorithms/algorithmNames.ts';
export type { AlgorithmName } from './algorithms/algorithmNames.ts';
export { runAlgorithm } from './algorithms/runAlgorithm.ts';
export type { RunOptions, RunTrace } from './algorithms/runAlgorithm.ts';

export { claimIds } from './theorems/Claim.ts';
export { computeVerdict, createVerifyContext } from './theorems/publicClaimApi.ts';
export type {
  Claim,
  ClaimId,
  Evidence,
  Check,
  NegativeControl,
  Figure,
  Verdict,
  Preset,
  VerifyContext,
} from './theorems/Claim.ts';
export { claims } from './theorems/publicClaimApi.ts';

export { runReport, DEFAULT_SEED } from './report/runReport.ts';
export type { ReportOptions, ResultsFile } from './report/runReport.ts';
