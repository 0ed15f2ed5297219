import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { noisyMedianMoments } from '../estimators/noisyMedianMoments.ts';
import { parallelMonteCarlo } from '../estimators/parallelMonteCarlo.ts';
import { createTaskPool } from '../parallel/TaskRunner.ts';
import { estimatorTaskModule } from '../estimators/estimatorTasks.ts';
import { packageRoot } from '../package/packageRoot.ts';
import jstat from 'jstat';
import { fillStandardNormal } from '../distributions/gaussian.ts';
import { fillStandardNormalZiggurat } from '../distributions/ziggurat.ts';
import { deriveStream, fillUniform } from '../rng/RandomStream.ts';
import { KERNEL_CAPACITY } from '../wasm/blockKernels.ts';
import { type BenchKernels, benchTaskModule } from './benchTasks.ts';
import { bestSeconds } from './bestSeconds.ts';

const { jStat } = jstat;

export interface BenchResult {
  readonly name: string;
  /** The kernels timed: the estimators' WebAssembly ('auto') or their TypeScript references. */
  readonly kernels: BenchKernels;
  /** Best throughput over the rounds. */
  readonly medmeanPerSec: number;
  readonly numpyPerSec: number | null;
  /** medmeanPerSec / numpyPerSec. */
  readonly ratio: number | null;
  /** Lowest and highest ratio of the rounds taken one by one (each round times both, back to back). */
  readonly ratioRange: readonly [number, number] | null;
  /** The fastest NumPy formulation (the baseline), and every formulation's best throughput. */
  readonly numpyFormulation?: string;
  readonly numpyFormulations?: Readonly<Record<string, number>>;
}

/** The exact engine against SciPy's quad and mpmath (30 digits) on the same (u, b) point. */
export interface QuadratureComparison {
  readonly u: readonly number[];
  readonly b: number;
  readonly medmeanSeconds: number;
  readonly scipySeconds: number;
  readonly mpmathSeconds: number;
  /** Largest relative error of the mean and the variance against mpmath's. */
  readonly medmeanError: number;
  readonly scipyError: number;
}

export interface BenchReport {
  readonly results: BenchResult[];
  readonly numpy: string;
  /** Rounds of NumPy then medmean, back to back, that the throughputs are the best of. */
  readonly rounds: number;
  readonly parallel: {
    readonly inProcessPerSec: number;
    readonly workers1PerSec: number;
    readonly workers2PerSec: number;
    readonly speedup: number;
    readonly speedupOverInProcess: number;
  };
  readonly exactEngine: Array<{ readonly M: number; readonly msPerPoint: number }>;
  /** Raw generators, values per second: the uniform stream, medmean's normal samplers, jStat's normal sampler (the baseline). */
  readonly generators: Array<{ readonly name: string; readonly perSec: number }>;
  /** medmean's ziggurat alone, best over the same rounds as the estimators: the limit on this side. */
  readonly samplerPerSec: number;
  /** NumPy's normals alone into a preallocated buffer: the limit on that side. */
  readonly numpyNormalsPerSec: number | null;
  /** How NumPy drew them fastest (bit generator and buffer). */
  readonly numpyNormalsFormulation: string | null;
  /** The exact engine against SciPy and mpmath, or why that comparison was skipped. */
  readonly quadrature: readonly QuadratureComparison[];
  readonly quadratureStatus: string;
}

const BENCH_KERNELS: readonly BenchKernels[] = ['auto', 'typescript'];
/** What a row's name adds to its case's for the kernels it times. */
const ROW_SUFFIX: Record<BenchKernels, string> = {
  auto: '',
  typescript: ' (TypeScript kernels only)',
};

interface Case {
  readonly name: string;
  readonly statistic: 'median' | 'vote';
  readonly u: number[];
  readonly b: number;
  readonly samples: number;
}

const CASES: Case[] = [3, 11, 101].map((M) => ({
  name: `median, M = ${M}`,
  statistic: 'median' as const,
  u: Array.from({ length: M }, (_, i) => (i % 5) - 2),
  b: 2,
  samples: Math.floor(4e6 / M),
}));
CASES.push({
  name: 'majority vote, M = 11',
  statistic: 'vote',
  u: Array.from({ length: 11 }, (_, i) => (i % 5) - 2),
  b: 2,
  samples: Math.floor(4e6 / 11),
});

/** One NumPy run over every case, in a fresh python3 process (best of 3 per case), or why it was skipped. */
function numpyThroughput(): {
  perSec: Map<string, number>;
  best: Map<string, { name: string; formulations: Record<string, number> }>;
  status: string;
} {
  const script = path.join(packageRoot, 'bench', 'numpyMonteCarlo.py');
  const result = spawnSync('python3', [script], {
    input: JSON.stringify(CASES),
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (result.error !== undefined || result.status !== 0) {
    return {
      perSec: new Map(),
      best: new Map(),
      status: `skipped: python3 with numpy not available (${(result.error?.message ?? result.stderr ?? '').split('\n')[0].slice(0, 120)})`,
    };
  }
  const parsed = JSON.parse(result.stdout) as Array<{
    name: string;
    perSec: number;
    best: string;
    formulations: Record<string, number>;
  }>;
  const version = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], {
    encoding: 'utf8',
  }).stdout.trim();
  return {
    perSec: new Map(parsed.map((r) => [r.name, r.perSec])),
    best: new Map(parsed.map((r) => [r.name, { name: r.best, formulations: r.formulations }])),
    status: `NumPy ${version}, single thread, the fastest of several formulations per estimator (each chunked one on the default bit generator, PCG64, and on SFC64)`,
  };
}

const QUADRATURE_POINTS = [0.5, 4, 64].map((b) => ({ u: [0, 1, 5], b }));

/** The exact engine and what a SciPy or mpmath user would write, on the same points. */
async function quadratureComparison(): Promise<{ rows: QuadratureComparison[]; status: string }> {
  const script = path.join(packageRoot, 'bench', 'quadratureBaselines.py');
  const result = spawnSync('python3', [script], {
    input: JSON.stringify(QUADRATURE_POINTS),
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  if (result.error !== undefined || result.status !== 0)
    return {
      rows: [],
      status: `skipped: python3 with scipy and mpmath not available (${(result.error?.message ?? result.stderr ?? '').split('\n')[0].slice(0, 120)})`,
    };
  const parsed = JSON.parse(result.stdout) as Array<{
    u: number[];
    b: number;
    scipySeconds: number;
    scipyMean: number;
    scipyVariance: number;
    mpmathSeconds: number;
    mpmathMean: string;
    mpmathVariance: string;
  }>;
  const relative = (value: number, reference: number) => Math.abs(value - reference) / Math.abs(reference);
  const rows: QuadratureComparison[] = [];
  for (const point of parsed) {
    const mean = Number(point.mpmathMean);
    const variance = Number(point.mpmathVariance);
    // One untimed call warms the engine up, as SciPy's and mpmath's imports are outside their timings.
    let moments = noisyMedianMoments(point.u, point.b, 'gaussian');
    const medmeanSeconds = await bestSeconds(3, () => {
      moments = noisyMedianMoments(point.u, point.b, 'gaussian');
    });
    rows.push({
      u: point.u,
      b: point.b,
      medmeanSeconds,
      scipySeconds: point.scipySeconds,
      mpmathSeconds: point.mpmathSeconds,
      medmeanError: Math.max(relative(moments.mean, mean), relative(moments.variance, variance)),
      scipyError: Math.max(relative(point.scipyMean, mean), relative(point.scipyVariance, variance)),
    });
  }
  return {
    rows,
    status:
      'SciPy quad (double precision, epsrel 1e-12) and mpmath.quad (30 digits, the reference) on the order-statistic density (43), Gaussian noise',
  };
}

/**
 * Times the same Monte Carlo estimators in medmean (one thread, in-process blocks) and in NumPy,
 * side by side: `rounds` rounds of NumPy then medmean back to back, so that a change in the
 * machine's speed during the run hits both alike. Then the speed-up from 1 to 2 workers (warm
 * pool) and the exact engine's time per (u, b) point.
 */
export async function runBenchmark(rounds = 3): Promise<BenchReport> {
  let numpyStatus = '';
  let numpyNormalsPerSec: number | null = null;
  let numpyNormalsFormulation: string | null = null;
  const numpyBest = new Map<string, { name: string; formulations: Record<string, number> }>();
  // Per round: medmean's throughput and NumPy's (undefined where NumPy was skipped).
  const timings = new Map<
    string,
    { kernels: BenchKernels; base: string; medmean: number[]; numpy: Array<number | undefined> }
  >();
  // The sampler alone, timed in every round beside the estimators so that both see the same
  // machine (src/bench/benchTasks.ts says how it draws).
  let samplerPerSec = 0;
  const SAMPLER_CHUNKS = 500;
  const blockOf = (c: Case) => ({
    u: c.u,
    b: c.b,
    noise: 'gaussian',
    statistic: c.statistic,
    seed: 1,
    block: 0,
    size: c.samples,
  });
  for (let round = 0; round < rounds; round++) {
    // Fresh threads every round: one for the WebAssembly rows and the sampler, one for the
    // TypeScript rows (src/bench/benchTasks.ts says why).
    const threads = {
      auto: createTaskPool(benchTaskModule, 1),
      typescript: createTaskPool(benchTaskModule, 1),
    };
    try {
      // Untimed passes first: otherwise the first timings ran before the JIT had compiled the
      // code (the sampler limit at 205 M/s, under the vote's 231).
      await threads.auto.map('timeSampler', [[-1, SAMPLER_CHUNKS, 3]]);
      for (const kernels of BENCH_KERNELS)
        await threads[kernels].map(
          'timeMonteCarloBlock',
          CASES.map((c) => [blockOf(c), kernels, 2]),
        );
      const [samplerSeconds] = await threads.auto.map('timeSampler', [[round, SAMPLER_CHUNKS, 3]]);
      samplerPerSec = Math.max(samplerPerSec, (SAMPLER_CHUNKS * KERNEL_CAPACITY) / samplerSeconds);
      const numpy = numpyThroughput();
      numpyStatus = numpy.status;
      const normals = numpy.perSec.get('normals only');
      if (normals !== undefined && normals > (numpyNormalsPerSec ?? 0)) {
        numpyNormalsPerSec = normals;
        numpyNormalsFormulation = numpy.best.get('normals only')?.name ?? null;
      }
      for (const [name, found] of numpy.best) {
        const previous = numpyBest.get(name);
        if (previous === undefined || (numpy.perSec.get(name) ?? 0) > (previous.formulations[previous.name] ?? 0))
          numpyBest.set(name, found);
      }
      for (const kernels of BENCH_KERNELS) {
        for (const c of CASES) {
          const [seconds] = await threads[kernels].map('timeMonteCarloBlock', [[blockOf(c), kernels, 3]]);
          const name = `${c.name}${ROW_SUFFIX[kernels]}`;
          const entry = timings.get(name) ?? { kernels, base: c.name, medmean: [], numpy: [] };
          entry.medmean.push((c.samples * c.u.length) / seconds);
          entry.numpy.push(numpy.perSec.get(c.name));
          timings.set(name, entry);
        }
      }
    } finally {
      await Promise.all(BENCH_KERNELS.map((kernels) => threads[kernels].destroy()));
    }
  }
  const results: BenchResult[] = [...timings].map(([name, { kernels, base, medmean, numpy }]) => {
    const medmeanPerSec = Math.max(...medmean);
    const perRound = medmean.flatMap((value, round) => (numpy[round] === undefined ? [] : [value / numpy[round]!]));
    if (perRound.length === 0)
      return { name, kernels, medmeanPerSec, numpyPerSec: null, ratio: null, ratioRange: null };
    const numpyPerSec = Math.max(...numpy.filter((value) => value !== undefined));
    const baseline = numpyBest.get(base);
    return {
      name,
      kernels,
      medmeanPerSec,
      numpyPerSec,
      ratio: medmeanPerSec / numpyPerSec,
      ratioRange: [Math.min(...perRound), Math.max(...perRound)] as const,
      numpyFormulation: baseline?.name,
      numpyFormulations: baseline?.formulations,
    };
  });

  // One and two pool workers, warm, timed alternately so that a change in the machine's load hits
  // both alike; plus the in-process run (workers: 1, no pool), in a thread of its own. Three
  // generations of fresh threads and pools, two timed runs each: a worker whose JIT happened to
  // compile the estimator slowly kept its pool at two thirds of its speed for every run of a
  // bench (a "speed-up" of 2.85 on 2 cores).
  const parallelCase = { u: CASES[1].u, b: 2, samples: 1 << 22, seed: 2 };
  let inProcess = Infinity;
  const fastest = [Infinity, Infinity];
  for (let generation = 0; generation < 3; generation++) {
    const inline = createTaskPool(benchTaskModule, 1);
    const pools = [createTaskPool(estimatorTaskModule, 1), createTaskPool(estimatorTaskModule, 2)];
    try {
      await inline.map('timeInlineParallel', [[parallelCase, 3]]);
      const [seconds] = await inline.map('timeInlineParallel', [[parallelCase, 2]]);
      inProcess = Math.min(inProcess, seconds);
      // Warm-up: three full runs per pool, so every worker's code is optimised before timing.
      for (let k = 0; k < 3; k++)
        for (const pool of pools) await parallelMonteCarlo({ ...parallelCase, workers: pool.workers, pool });
      for (let k = 0; k < 2; k++) {
        for (const [index, pool] of pools.entries()) {
          const start = performance.now();
          await parallelMonteCarlo({ ...parallelCase, workers: pool.workers, pool });
          fastest[index] = Math.min(fastest[index], (performance.now() - start) / 1000);
        }
      }
    } finally {
      await Promise.all([inline.destroy(), ...pools.map((pool) => pool.destroy())]);
    }
  }
  const [oneWorker, twoWorkers] = fastest;
  const values = parallelCase.samples * parallelCase.u.length;

  const exactEngine: BenchReport['exactEngine'] = [];
  for (const M of [3, 11, 51, 101]) {
    const u = Array.from({ length: M }, (_, i) => Math.sin(i) * 3);
    const seconds = await bestSeconds(2, () => noisyMedianMoments(u, 4, 'gaussian'));
    exactEngine.push({ M, msPerPoint: seconds * 1000 });
  }
  const n = 4_000_000;
  const buffer = new Float64Array(n);
  const fills: ReadonlyArray<readonly [string, () => void]> = [
    ['uniform stream (seedrandom tychei, 53-bit doubles)', () => fillUniform(deriveStream(1, 'bench-u'), buffer)],
    [
      'normal: ziggurat on xoshiro256++ (bulk fills)',
      () => fillStandardNormalZiggurat(deriveStream(1, 'bench-z'), buffer),
    ],
    [
      'normal: Marsaglia polar on the stream (short fills)',
      () => fillStandardNormal(deriveStream(1, 'bench-p'), buffer),
    ],
    [
      "normal: jStat's sampler on the same stream (baseline)",
      () => {
        const stream = deriveStream(1, 'bench-j');
        jStat.setRandom(() => stream.next());
        for (let i = 0; i < n; i++) buffer[i] = jStat.normal.sample(0, 1);
      },
    ],
  ];
  const generators: BenchReport['generators'] = [];
  for (const [name, fill] of fills) generators.push({ name, perSec: n / (await bestSeconds(2, fill)) });
  const quadrature = await quadratureComparison();
  return {
    generators,
    samplerPerSec,
    numpyNormalsPerSec,
    numpyNormalsFormulation,
    quadrature: quadrature.rows,
    quadratureStatus: quadrature.status,
    results,
    numpy: numpyStatus,
    rounds,
    parallel: {
      inProcessPerSec: values / inProcess,
      workers1PerSec: values / oneWorker,
      workers2PerSec: values / twoWorkers,
      speedup: oneWorker / twoWorkers,
      speedupOverInProcess: inProcess / twoWorkers,
    },
    exactEngine,
  };
}
