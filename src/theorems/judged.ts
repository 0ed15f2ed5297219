import { judge, refutes } from '../verdict/judge.ts';
import type { Criterion } from '../verdict/Criterion.ts';
import type { Check, NegativeControl } from './Claim.ts';

/** A check decided by its criterion; `detail` says in words what was measured. */
export function judgedCheck(name: string, criterion: Criterion, detail: string): Check {
  const { passed, decisive } = judge(criterion);
  return {
    name,
    passed,
    ...(decisive ? {} : { decisive: false }),
    ...(criterion.alpha > 0 ? { falseFailureProbability: criterion.alpha } : {}),
    detail,
    criterion,
  };
}

/** A negative control: the same criterion on a broken case, flagged when it refutes it on finite numbers. */
export function judgedControl(
  control: Omit<NegativeControl, 'flagged' | 'criterion'>,
  criterion: Criterion,
): NegativeControl {
  return { ...control, flagged: refutes(criterion), criterion };
}
