import type { Criterion, Judgement } from './Criterion.ts';

/**
 * Decides a criterion from its numbers alone. A NaN anywhere fails (every comparison with NaN is
 * false), so a broken measurement can never pass.
 */
export function judge(criterion: Criterion): Judgement {
  switch (criterion.kind) {
    case 'at-most':
      return decided(criterion.value <= criterion.bound + criterion.tolerance);
    case 'at-least':
      return decided(criterion.value >= criterion.bound - criterion.tolerance);
    case 'within':
      return decided(Math.abs(criterion.value - criterion.expected) <= criterion.tolerance);
    case 'no-counterexample':
      return decided(criterion.cases > 0 && criterion.counterexamples === 0);
    case 'exceeds-margin': {
      const exceeds = criterion.lower > criterion.margin;
      return { passed: exceeds, decisive: exceeds || criterion.upper < criterion.margin };
    }
    case 'enough-data': {
      const enough = criterion.measured >= criterion.required;
      return { passed: enough, decisive: enough };
    }
    case 'all': {
      const parts = criterion.parts.map((part) => judge(part.criterion));
      const failedDecisively = parts.some((part) => !part.passed && part.decisive);
      return {
        passed: parts.length > 0 && parts.every((part) => part.passed),
        decisive: failedDecisively || parts.every((part) => part.decisive),
      };
    }
    case 'any': {
      const parts = criterion.parts.map((part) => judge(part.criterion));
      const passedDecisively = parts.some((part) => part.passed && part.decisive);
      return {
        passed: parts.some((part) => part.passed),
        decisive: passedDecisively || parts.every((part) => part.decisive),
      };
    }
  }
}

const decided = (passed: boolean): Judgement => ({ passed, decisive: true });

/**
 * The criterion fails on finite numbers: a refutation a negative control can count. A NaN or an
 * infinity fails a criterion too, but shows only a broken measurement, not a check with power.
 */
export function refutes(criterion: Criterion): boolean {
  return !judge(criterion).passed && finiteNumbers(criterion);
}

function finiteNumbers(criterion: Criterion): boolean {
  // An empty composite measured nothing: it can refute nothing.
  if (criterion.kind === 'all' || criterion.kind === 'any')
    return criterion.parts.length > 0 && criterion.parts.every((part) => finiteNumbers(part.criterion));
  return Object.values(criterion).every((value) => typeof value !== 'number' || Number.isFinite(value));
}
