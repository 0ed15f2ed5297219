// Proposition 1 (App. A, equations (13)–(20)): for odd M and nonzero entries, the majority vote
// sign(Σ_k sign(a_k)) equals sign(median(a_1..a_M)); coordinate-wise, SIGNSGD steps along the sign
// of the median of the local gradients.
import fc from 'fast-check';
import { majorityVote } from '../aggregators/majorityVote.ts';
import { median } from '../aggregators/median.ts';
import { sign } from '../aggregators/sign.ts';
import { markdownTable } from '../format/markdownTable.ts';
import { formatNumber } from '../format/formatNumber.ts';
import type { Claim, Evidence, NegativeControl, VerifyContext } from './Claim.ts';
import { claimMetadata } from './claimRegistry.ts';
import { judgedCheck, judgedControl } from './judged.ts';
import { atMost, noCounterexample } from '../verdict/criteria.ts';
import { checkProperty, propertyCriterion } from './propertyOutcome.ts';

/** Finite doubles from subnormal to ±1.8e308, both signs, never zero. */
const nonzeroDouble = fc
  .oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -3, max: 3 }).map((k) => k * 0.5),
  )
  .filter((x) => x !== 0);
const anyDouble = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0));

function vectorsArbitrary(counts: fc.Arbitrary<number>, entry: fc.Arbitrary<number>): fc.Arbitrary<number[][]> {
  return fc
    .record({ M: counts, d: fc.integer({ min: 1, max: 6 }) })
    .chain(({ M, d }) => fc.array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: M, maxLength: M }));
}

/** The identity of (13), coordinate-wise, for the library's aggregators. */
function voteEqualsSignOfMedian(vectors: number[][]): boolean {
  const vote = majorityVote(vectors);
  const middle = median(vectors);
  return vote.every((v, j) => v === sign(middle[j]));
}

const oddCounts = fc.integer({ min: 0, max: 25 }).map((n) => 2 * n + 1);
const evenCounts = fc.integer({ min: 1, max: 25 }).map((n) => 2 * n);

/**
 * Exhaustive check: every sign pattern of M ≤ maxM nonzero entries of the given parity, with two
 * magnitude orders (odd M: the claim; even M: its control, where ties make the vote 0).
 */
function exhaustiveSignPatterns(
  maxM: number,
  parity: 'odd' | 'even',
): { patterns: number; mismatches: number; byM: Array<[number, number]> } {
  let patterns = 0;
  let mismatches = 0;
  const byM: Array<[number, number]> = [];
  for (let M = parity === 'odd' ? 1 : 2; M <= maxM; M += 2) {
    let countForM = 0;
    for (let mask = 0; mask < 1 << M; mask++) {
      for (const reversed of [false, true]) {
        const vectors: number[][] = [];
        for (let k = 0; k < M; k++) {
          const magnitude = reversed ? M - k : k + 1;
          vectors.push([(mask >> k) & 1 ? magnitude : -magnitude]);
        }
        patterns++;
        countForM++;
        if (!voteEqualsSignOfMedian(vectors)) mismatches++;
      }
    }
    byM.push([M, countForM]);
  }
  return { patterns, mismatches, byM };
}

/** Monte Carlo mismatch rate of (13) for small-integer entries, with or without zeros. */
function mismatchRate(context: VerifyContext, M: number, allowZero: boolean, draws: number): number {
  const stream = context.stream('mismatch-rate', M, allowZero ? 'zeros' : 'nonzero');
  let mismatches = 0;
  const vectors: number[][] = Array.from({ length: M }, () => [0]);
  for (let r = 0; r < draws; r++) {
    for (let i = 0; i < M; i++) {
      const k = Math.floor(stream.next() * (allowZero ? 7 : 6));
      vectors[i][0] = allowZero ? k - 3 : k < 3 ? k - 3 : k - 2;
    }
    if (!voteEqualsSignOfMedian(vectors)) mismatches++;
  }
  return mismatches / draws;
}

export const prop1: Claim = {
  ...claimMetadata('prop1'),
  statement:
    'For odd $M$ and $a_k \\neq 0$ for all $k$: $\\operatorname{sign}\\big(\\sum_{k=1}^{M}\\operatorname{sign}(a_k)\\big) = \\operatorname{sign}\\big(\\operatorname{median}(a_1,\\dots,a_M)\\big)$. ' +
    'Applied coordinate-wise, SIGNSGD with majority vote steps along the sign of the coordinate-wise median of the local gradients.',
  hypotheses: ['$M$ odd', 'every entry nonzero ($a_k \\neq 0$)'],
  verify(context): Evidence {
    const runs = { quick: 500, default: 5000, full: 50000 }[context.preset];
    const maxM = context.preset === 'quick' ? 11 : 15;
    const draws = { quick: 2000, default: 20000, full: 200000 }[context.preset];

    const main = checkProperty(
      fc.property(vectorsArbitrary(oddCounts, nonzeroDouble), voteEqualsSignOfMedian),
      context.fastCheckSeed('odd-nonzero'),
      runs,
    );
    const exhaustive = exhaustiveSignPatterns(maxM, 'odd');
    const exhaustiveEven = exhaustiveSignPatterns(maxM, 'even');
    const evenControl = checkProperty(
      fc.property(vectorsArbitrary(evenCounts, nonzeroDouble), voteEqualsSignOfMedian),
      context.fastCheckSeed('even'),
      runs,
    );
    const zeroControl = checkProperty(
      fc.property(vectorsArbitrary(oddCounts, anyDouble), voteEqualsSignOfMedian),
      context.fastCheckSeed('zeros'),
      runs,
    );

    const rates: Array<{ M: number; case: string; rate: number }> = [];
    for (let M = 1; M <= 16; M++) {
      rates.push({ M, case: 'nonzero entries', rate: mismatchRate(context, M, false, draws) });
      rates.push({ M, case: 'entries may be 0', rate: mismatchRate(context, M, true, draws) });
    }
    // Summed mismatch rate over M ≤ 16 of one parity, nonzero entries: 0 for odd M (the claim), not for even.
    const nonzeroMismatch = (parity: 0 | 1) =>
      rates.filter((r) => r.M % 2 === parity && r.case === 'nonzero entries').reduce((s, r) => s + r.rate, 0);
    const oddNonzeroMismatch = nonzeroMismatch(1);
    const evenNonzeroMismatch = nonzeroMismatch(0);

    const controls: NegativeControl[] = [
      judgedControl(
        {
          name: 'even M',
          description:
            'The same property over even M (nonzero entries; even-M median = average of the two middle values).',
          detail: evenControl.failed
            ? `refuted after shrinking (${evenControl.shrinks} shrinks)`
            : `not refuted in ${evenControl.numRuns} runs`,
          counterexample: evenControl.counterexample,
        },
        propertyCriterion(evenControl),
      ),
      judgedControl(
        {
          name: 'zero entries',
          description: 'The same property over odd M with entries that may be 0 or −0 (sign(0) = 0).',
          detail: zeroControl.failed
            ? `refuted after shrinking (${zeroControl.shrinks} shrinks)`
            : `not refuted in ${zeroControl.numRuns} runs`,
          counterexample: zeroControl.counterexample,
        },
        propertyCriterion(zeroControl),
      ),
      judgedControl(
        {
          name: 'exhaustive over even M',
          description:
            'The same enumeration of every sign pattern for even M: a tie makes the vote 0 while the median (the average of the two middle values) is not, so it must find mismatches.',
          detail: `${exhaustiveEven.patterns} sign patterns, ${exhaustiveEven.mismatches} mismatches`,
        },
        noCounterexample(exhaustiveEven.patterns, exhaustiveEven.mismatches),
      ),
      judgedControl(
        {
          name: 'Monte Carlo over even M',
          description: 'The same small-integer draws for even M ≤ 16: the summed mismatch rate must be above 0.',
          detail: `${draws} draws for each even M ≤ 16, total mismatch rate ${formatNumber(evenNonzeroMismatch)}`,
        },
        atMost(evenNonzeroMismatch, 0),
      ),
    ];

    const rateRows = Array.from({ length: 16 }, (_, k) => k + 1).map((M) => [
      M,
      M % 2 === 1 ? 'odd' : 'even',
      formatNumber(rates.find((r) => r.M === M && r.case === 'nonzero entries')!.rate),
      formatNumber(rates.find((r) => r.M === M && r.case === 'entries may be 0')!.rate),
    ]);

    return {
      checks: [
        judgedCheck(
          'property: odd M, nonzero entries',
          propertyCriterion(main),
          main.failed
            ? `counterexample ${main.counterexample}`
            : `${main.numRuns} generated cases (M = 1..51, d = 1..6, entries from ±5e-324 to ±1.8e308), no counterexample`,
        ),
        judgedCheck(
          `exhaustive: every sign pattern, odd M ≤ ${maxM}`,
          noCounterexample(exhaustive.patterns, exhaustive.mismatches),
          `${exhaustive.patterns} sign patterns (two magnitude orders each), ${exhaustive.mismatches} mismatches`,
        ),
        judgedCheck(
          'Monte Carlo: odd M, nonzero small integers',
          atMost(oddNonzeroMismatch, 0),
          `${draws} draws for each odd M ≤ 15, total mismatch rate ${formatNumber(oddNonzeroMismatch)}`,
        ),
      ],
      negativeControls: controls,
      measurements: {
        propertyRuns: main.numRuns,
        propertyCounterexample: main.counterexample ?? '',
        exhaustivePatterns: exhaustive.patterns,
        exhaustiveMismatches: exhaustive.mismatches,
        evenCounterexample: evenControl.counterexample ?? '',
        zeroCounterexample: zeroControl.counterexample ?? '',
        mismatchRateOddNonzero: oddNonzeroMismatch,
      },
      keyFigure: `0 mismatches in ${main.numRuns} generated + ${exhaustive.patterns} exhaustive cases; even M and zeros refuted`,
      sections: [
        {
          title: 'Method',
          body: [
            'The check runs the library aggregators `majorityVote` and `median` (the same code SIGNSGD and MEDIANSGD use) on the identity (13), coordinate-wise:',
            '',
            `1. **Property** (fast-check, ${runs} runs, seed ${main.seed}): M = 2n+1 ≤ 51 workers, d ≤ 6 coordinates, nonzero doubles covering subnormals (5e-324), huge values (1.8e308), both signs and ties.`,
            `2. **Exhaustive**: every one of the 2^M sign patterns for odd M ≤ ${maxM}, with increasing and decreasing magnitudes.`,
            `3. **Mismatch rate** for M = 1..16 over ${draws} random draws of entries in {±1, ±2, ±3} (and, with zeros, {−3..3}).`,
            '',
            'Sign conventions: sign(0) = sign(−0) = 0; a tied vote gives 0; the median of an even count is the average of the two middle values.',
          ].join('\n'),
        },
        {
          title: 'Mismatch rate of (13) by M',
          body: markdownTable(['M', 'parity', 'nonzero entries', 'entries may be 0'], rateRows),
        },
      ],
      figures: [
        {
          file: 'prop1-mismatch-rate.svg',
          title: 'How often the vote differs from the sign of the median',
          caption:
            'Fraction of random draws where sign(Σ sign(a_k)) ≠ sign(median(a)), by M. It is 0 exactly at odd M with nonzero entries, the hypotheses of Proposition 1.',
          spec: {
            $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
            width: 480,
            height: 260,
            data: { values: rates },
            mark: { type: 'line', point: true },
            encoding: {
              x: { field: 'M', type: 'quantitative', title: 'number of workers M', scale: { domain: [1, 16] } },
              y: { field: 'rate', type: 'quantitative', title: 'mismatch rate' },
              color: { field: 'case', type: 'nominal', title: 'entries' },
            },
          },
        },
      ],
      sampleSizes: { propertyRuns: runs, exhaustivePatterns: exhaustive.patterns, drawsPerM: draws },
    };
  },
};
