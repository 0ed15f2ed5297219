// Worst-case search for the convergence bounds: maximise left/right of an inequality over problem
// instances with NLopt's Subplex (a Nelder–Mead variant on subspaces, derivative-free, within box
// bounds; nlopt-js is NLopt compiled to WebAssembly), from many seeded starts. Random generation
// samples typical instances; this looks for the ones that make a bound tight or break it.
import { importOptional } from '../package/optionalDependency.ts';
import { deriveStream, type KeyPart } from '../rng/RandomStream.ts';
import type { GeneratedProblem } from './heterogeneousProblemArbitrary.ts';

/** Where the search looks: the (M, d, T) cells, and the box every continuous parameter maps into. */
export interface SearchSpace {
  readonly cells: ReadonlyArray<{ readonly M: number; readonly d: number; readonly T: number }>;
  /** Minimisers and the start lie in (−maxAbs, maxAbs); curvatures in (1/curvatureRange, curvatureRange). */
  readonly maxAbs: number;
  readonly curvatureRange: number;
}

/** Odd M ∈ {3, 5}, d ∈ {1, 2}, T ∈ {8, 30, 120}; minimisers and start in (−5, 5); curvatures in (1/4, 4). */
export const DEFAULT_SEARCH_SPACE: SearchSpace = {
  cells: [3, 5].flatMap((M) => [1, 2].flatMap((d) => [8, 30, 120].map((T) => ({ M, d, T })))),
  maxAbs: 5,
  curvatureRange: 4,
};

export interface SearchResult {
  /** The largest value of the objective found, and the instance attaining it. */
  readonly supremum: number;
  readonly instance?: GeneratedProblem;
  /** Nelder–Mead runs and objective evaluations. */
  readonly starts: number;
  readonly evaluations: number;
}

/** The parameters of one cell, in order: minimisers, log₄ curvatures, start; each in its box. */
function decode(theta: ArrayLike<number>, cell: SearchSpace['cells'][number], space: SearchSpace): GeneratedProblem {
  const { M, d, T } = cell;
  let k = 0;
  const minimisers = Array.from({ length: M }, () => Array.from({ length: d }, () => theta[k++]));
  const curvatures = Array.from({ length: M }, () =>
    Array.from({ length: d }, () => space.curvatureRange ** theta[k++]),
  );
  const x1 = Array.from({ length: d }, () => theta[k++]);
  return { M, d, T, minimisers, curvatures, x1 };
}

/**
 * Maximises `objective` (undefined: outside the hypotheses) over the box [lower, upper]:
 * `starts` Subplex runs from starts drawn from (seed, key), each of at most
 * `evaluationsPerDimension`·dim evaluations. Deterministic for a given seed (no time limits).
 */
export async function maximizeInBox<T>(
  objective: (theta: Float64Array) => { value: number; instance: T } | undefined,
  lower: readonly number[],
  upper: readonly number[],
  options: {
    readonly seed: number;
    readonly key: readonly KeyPart[];
    readonly starts: number;
    readonly evaluationsPerDimension: number;
  },
): Promise<{ supremum: number; instance?: T; evaluations: number }> {
  // Loaded on first use: the WebAssembly module is large and only the report needs it.
  const { default: nlopt } = await importOptional('nlopt-js', 'The worst-case search', () => import('nlopt-js'));
  await nlopt.ready;
  let supremum = -Infinity;
  let instance: T | undefined;
  let evaluations = 0;
  try {
    for (let start = 0; start < options.starts; start++) {
      const stream = deriveStream(options.seed, ...options.key, start);
      const theta0 = lower.map((low, k) => low + (upper[k] - low) * stream.next());
      const optimizer = new nlopt.Optimize(nlopt.Algorithm.LN_SBPLX, lower.length);
      optimizer.setLowerBounds([...lower]);
      optimizer.setUpperBounds([...upper]);
      optimizer.setMaxeval(options.evaluationsPerDimension * lower.length);
      optimizer.setMaxObjective((theta) => {
        evaluations++;
        const result = objective(theta);
        if (result === undefined || !Number.isFinite(result.value)) return -1e300;
        if (result.value > supremum) {
          supremum = result.value;
          instance = result.instance;
        }
        return result.value;
      }, 1e-12);
      optimizer.optimize(theta0);
    }
  } finally {
    nlopt.GC.flush();
  }
  return { supremum, instance, evaluations };
}

/**
 * Maximises `objective` (undefined: outside the bound's hypotheses) over the problem instances of
 * `space`: `startsPerCell` Subplex runs per (M, d, T) cell, then `candidates` (instances found
 * elsewhere, such as another search's worst), each evaluated once: the result is at least their best.
 */
export async function searchWorstCase(
  objective: (instance: GeneratedProblem) => number | undefined,
  options: {
    readonly seed: number;
    readonly key: readonly KeyPart[];
    readonly startsPerCell: number;
    readonly evaluationsPerDimension: number;
    readonly space?: SearchSpace;
    readonly candidates?: readonly GeneratedProblem[];
  },
): Promise<SearchResult> {
  const space = options.space ?? DEFAULT_SEARCH_SPACE;
  let best: { supremum: number; instance?: GeneratedProblem } = { supremum: -Infinity };
  let evaluations = 0;
  let starts = 0;
  for (const cell of space.cells) {
    const { M, d } = cell;
    const lower = [...Array(M * d).fill(-space.maxAbs), ...Array(M * d).fill(-1), ...Array(d).fill(-space.maxAbs)];
    const upper = lower.map((bound) => -bound);
    const found = await maximizeInBox(
      (theta) => {
        const instance = decode(theta, cell, space);
        const value = objective(instance);
        return value === undefined ? undefined : { value, instance };
      },
      lower,
      upper,
      {
        seed: options.seed,
        key: [...options.key, M, d, cell.T],
        starts: options.startsPerCell,
        evaluationsPerDimension: options.evaluationsPerDimension,
      },
    );
    evaluations += found.evaluations;
    starts += options.startsPerCell;
    if (found.supremum > best.supremum) best = found;
  }
  for (const candidate of options.candidates ?? []) {
    const value = objective(candidate);
    evaluations++;
    if (value !== undefined && value > best.supremum) best = { supremum: value, instance: candidate };
  }
  return { supremum: best.supremum, instance: best.instance, starts, evaluations };
}
