/** The master seed of `npm run report` when none is given. */
export const DEFAULT_SEED = 20200601;
