import type { Evidence } from '../../src/theorems/Claim.ts';

/** Evidence with nothing in it, for tests that need a claim result but not its content. */
export const emptyEvidence = (): Evidence => ({
  checks: [],
  negativeControls: [],
  measurements: {},
  keyFigure: '',
  sections: [],
  figures: [],
  sampleSizes: {},
});
