import type { EvenMedianRule } from '../aggregators/median.ts';
import type { TrimOptions } from '../aggregators/trimmedMean.ts';
import type { DtypeName } from './dtype.ts';
import type { RuleName } from './ruleNames.ts';
import type { WeightKind } from './weightConvention.ts';

/**
 * What a user's aggregator claims to compute, as the flags of `medmean check` state it: the rule,
 * its conventions, the floating-point format and the magnitude range it must handle. Conventions
 * that do not apply to the rule are ignored (and never printed).
 */
export interface CheckSpec {
  readonly rule: RuleName;
  /** median: the median of an even count (default 'average'). */
  readonly even?: EvenMedianRule;
  /** trimmed-mean: values trimmed per side (required for that rule). */
  readonly trim?: TrimOptions;
  /** sign-vote: the vote of a zero entry (default 0) and of a tie (default 0). */
  readonly signOfZero?: 0 | 1;
  readonly tie?: 0 | 1;
  /** weighted-mean: what the weights are (default 'real'; src/check/weightConvention.ts). */
  readonly weights?: WeightKind;
  /** The format the aggregator computes in (default 'float64'). */
  readonly dtype?: DtypeName;
  /** The largest magnitude the aggregator must handle (default: the dtype's largest finite value). */
  readonly maxAbs?: number;
}
