/** What the report, the index, the CLI and the calibration know of a claim without running it. */
export interface ClaimMetadata {
  readonly id: string;
  readonly title: string;
  /** Appendix section and equation numbers. */
  readonly reference: string;
  /** The module in src/theorems/ that declares the claim. */
  readonly file: string;
}

/**
 * Every claim medmean verifies, in report order: the one place that lists them. The claim ids,
 * the CLI's choices, the index rows and the calibration groups derive from it; each claim module
 * takes its title and reference from here (test/claims.test.ts checks that src/theorems/claims.ts
 * registers exactly these modules, in this order).
 */
export const claimRegistry = [
  {
    id: 'prop1',
    title: 'Proposition 1: the majority vote is the sign of the median',
    reference: 'App. A, (13)–(20)',
    file: 'prop1-majorityVoteIsSignOfMedian.ts',
  },
  {
    id: 'thm1',
    title: 'Theorem 1: SIGNSGD converges up to the median–mean gap',
    reference: 'App. B, (23)–(31)',
    file: 'thm1-signSgdBound.ts',
  },
  {
    id: 'thm2',
    title: 'Theorem 2: MEDIANSGD converges up to the median–mean gap',
    reference: 'App. C, (32)–(33)',
    file: 'thm2-medianSgdBound.ts',
  },
  {
    id: 'thm3',
    title: 'Theorem 3: SIGNSGD and MEDIANSGD stall at a non-stationary point',
    reference: "App. D, (34)–(42); the paper's Figure 1 (1-D toy)",
    file: 'thm3-medianMeanGap.ts',
  },
  {
    id: 'thm4a-bias',
    title: 'Theorem 4(a): the noisy median is a nearly unbiased estimate of the mean',
    reference: 'App. E.1, (6), (43)–(44)',
    file: 'thm4a-noisyMedianBias.ts',
  },
  {
    id: 'thm4a-variance',
    title: "Theorem 4(a): the noisy median's variance grows like b²",
    reference: 'App. E.1, (7)',
    file: 'thm4a-noisyMedianVariance.ts',
  },
  {
    id: 'thm4b-symmetry',
    title: "Theorem 4(b): the noisy median's density becomes symmetric about the mean",
    reference: 'App. E.2, (8)–(10), (45)–(57)',
    file: 'thm4b-noisyMedianSymmetry.ts',
  },
  {
    id: 'thmF1',
    title: 'Theorem F.1: Theorem 4 with sampled local data',
    reference: 'App. F, (58)–(70)',
    file: 'thmF1-sampledNoisyMedian.ts',
  },
  {
    id: 'thm5',
    title: 'Theorem 5: Noisy SIGNSGD approaches a stationary point of f',
    reference: 'App. G, (71)–(90)',
    file: 'thm5-noisySignSgd.ts',
  },
  {
    id: 'thm6',
    title: 'Theorem 6: Noisy MEDIANSGD converges at rate O(d^{2/3}/T^{1/3})',
    reference: 'App. H, (91)–(94)',
    file: 'thm6-noisyMedianSgdRate.ts',
  },
  {
    id: 'mnist-heterogeneous',
    title: 'Heterogeneous MNIST: noise rescues SIGNSGD and MEDIANSGD',
    reference: "App. I (the MNIST experiment; MEDIANSGD rows extend the paper's figure)",
    file: 'mnist-heterogeneous.ts',
  },
  {
    id: 'cifar-analogue',
    title: 'CIFAR-10 experiment: adaptive per-tensor noise rescues SIGNSGD on a ResNet without batch normalisation',
    reference: 'App. I (the CIFAR-10 experiment; I.2 network, I.3 adaptive noise and step schedule)',
    file: 'cifar-analogue.ts',
  },
] as const satisfies readonly ClaimMetadata[];

export type ClaimId = (typeof claimRegistry)[number]['id'];

/** The claim ids, in report order. */
export const claimIds: readonly ClaimId[] = claimRegistry.map((claim) => claim.id);

/** A claim's metadata (id, title, reference, file), to spread into its definition. */
export function claimMetadata<Id extends ClaimId>(id: Id): Extract<(typeof claimRegistry)[number], { id: Id }> {
  const metadata = claimRegistry.find((claim) => claim.id === id);
  if (metadata === undefined) throw new Error(`claim ${id} is not in the registry`);
  return metadata as Extract<(typeof claimRegistry)[number], { id: Id }>;
}
