import type { Criterion } from '../verdict/Criterion.ts';
import { allOf, enoughData } from '../verdict/criteria.ts';

/**
 * A criterion over points that also requires every planned point to have been checked: a step
 * that checked fewer (a loop cut short, a filter too strict) fails instead of holding on nothing.
 */
export const atPlannedPoints = (points: number, planned: number, name: string, criterion: Criterion): Criterion =>
  allOf({ 'points checked': enoughData(points, planned), [name]: criterion });
