import type { ClaimId } from './Claim.ts';

/**
 * The ids of the claims in src/theorems/claims.ts, listed without importing their code so that
 * the CLI starts fast. A unit test keeps the two lists equal.
 */
export const implementedClaimIds: readonly ClaimId[] = ['prop1', 'thm1', 'thm2', 'thm3', 'thm4a-bias', 'thm4a-variance', 'thm4b-symmetry', 'thmF1', 'thm5', 'thm6', 'mnist-heterogeneous'];
