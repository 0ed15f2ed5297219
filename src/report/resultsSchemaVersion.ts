/**
 * The schemaVersion of results.json. Its own module, free of zod, so that the public types
 * (ResultsFile) do not make a consumer's compiler load zod's declarations.
 */
export const RESULTS_SCHEMA_VERSION = 1;
