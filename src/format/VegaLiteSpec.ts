/**
 * A Vega-Lite specification as plain data. medmean's public types name it without importing
 * vega-lite, which is an optional dependency (only the report renders figures): a project that
 * type-checks against medmean does not need vega-lite installed.
 */
export type VegaLiteSpec = { readonly $schema: string } & Readonly<Record<string, unknown>>;
