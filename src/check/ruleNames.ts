/** The rules `medmean check --rule` accepts. */
export const ruleNames = ['median', 'sign-vote', 'mean'] as const;
export type RuleName = (typeof ruleNames)[number];
