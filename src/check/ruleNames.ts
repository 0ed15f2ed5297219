/** The rules `medmean check --rule` accepts. */
export const ruleNames = ['median', 'sign-vote', 'mean', 'weighted-mean', 'trimmed-mean'] as const;
export type RuleName = (typeof ruleNames)[number];
