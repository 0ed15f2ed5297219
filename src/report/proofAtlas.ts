// reports/proof-steps.md and .json: one row per numbered equation (13)–(94), joining the appendix
// table with the proof steps the claims measured and the claim checks that bear on each equation.
import { z } from 'zod';
import { formatNumber } from '../format/formatNumber.ts';
import { markdownTable } from '../format/markdownTable.ts';
import { appendixEquations, type AppendixEquation } from '../theorems/appendixEquations.ts';
import type { ProofStep } from '../theorems/Claim.ts';
import type { ClaimResult } from './ClaimResult.ts';
import { reportNumber } from './resultsSchema.ts';

const atlasRow = z.object({
  equation: z.string(),
  section: z.string(),
  kind: z.enum(['definition', 'assumption', 'identity', 'inequality', 'asymptotic statement', 'algebra step']),
  claim: z.string(),
  method: z.string(),
  status: z.enum(['checked', 'not-numeric', 'unchecked']),
  verdict: z.enum(['holds', 'violated', 'typo', 'not numeric', 'not yet checked']),
  measure: z.enum(['ratio', 'slack', 'relative error']).nullable(),
  // NaN (a broken measurement) stays NaN: null means nothing was measured.
  worstRatio: reportNumber.nullable(),
  instance: z.string().nullable(),
  instances: z.number().int().nonnegative(),
  note: z.string(),
});

/** The schema of reports/proof-steps.json. */
export const proofAtlasSchema = z.object({ schemaVersion: z.literal(1), steps: z.array(atlasRow) });
export type ProofAtlas = z.infer<typeof proofAtlasSchema>;
type AtlasRow = z.infer<typeof atlasRow>;

const VERDICT_ORDER = ['violated', 'typo', 'holds'] as const;

/** The row of one equation from the claims' results. */
function rowOf(equation: AppendixEquation, results: readonly ClaimResult[]): AtlasRow {
  const base = { equation: equation.equation, section: equation.section, kind: equation.kind, claim: equation.claim };
  if (equation.notNumeric !== undefined) {
    return {
      ...base,
      method: '—',
      status: 'not-numeric',
      verdict: 'not numeric',
      measure: null,
      worstRatio: null,
      instance: null,
      instances: 0,
      note: `${equation.statement}: ${equation.notNumeric}`,
    };
  }
  const result = results.find((r) => r.id === equation.claim);
  const steps: ProofStep[] = (result?.proofSteps ?? []).filter((step) => step.equation === equation.equation);
  const checks = (equation.checkedBy ?? []).flatMap(({ check, method }) => {
    const found = result?.checks.find((c) => c.name.startsWith(check));
    return found === undefined ? [] : [{ method, passed: found.passed, name: found.name }];
  });
  if (steps.length === 0 && checks.length === 0) {
    return {
      ...base,
      method: '—',
      status: 'unchecked',
      verdict: 'not yet checked',
      measure: null,
      worstRatio: null,
      instance: null,
      instances: 0,
      note: `${equation.statement}: no check of ${equation.claim} measures it yet${result === undefined ? ` (${equation.claim} is not in results.json)` : ''}`,
    };
  }
  const verdicts = [
    ...steps.map((step) => step.verdict),
    ...checks.map((check) => (check.passed ? 'holds' : 'violated')),
  ];
  const verdict = VERDICT_ORDER.find((v) => verdicts.includes(v)) ?? 'holds';
  // The tightest ratio found, preferring the worst-case search where there is one.
  const ratios = steps.filter((step) => step.measure === 'ratio' && step.worst !== undefined);
  const searched = ratios.filter((step) => step.method === 'worst-case search');
  const tightest = (searched.length > 0 ? searched : ratios).reduce<ProofStep | undefined>(
    (best, step) => (best === undefined || step.worst! > best.worst! ? step : best),
    undefined,
  );
  const measured = tightest ?? steps.find((step) => step.worst !== undefined);
  const methods = [
    ...new Set([
      ...steps.map((step) => (step.alpha === undefined ? step.method : `${step.method} (α = ${step.alpha})`)),
      ...checks.map((check) => check.method),
    ]),
  ];
  return {
    ...base,
    method: methods.join('; '),
    status: 'checked',
    verdict,
    measure: measured?.measure ?? null,
    worstRatio: measured?.worst ?? null,
    instance: measured?.instance ?? null,
    instances: steps.reduce((total, step) => total + step.instances, 0),
    note: [
      equation.statement,
      ...steps.map((step) => step.note),
      ...checks.map((check) => `check "${check.name}": ${check.passed ? 'passed' : 'failed'}`),
    ].join('; '),
  };
}

/** The atlas from the claims' results (validated against its schema). */
export function buildProofAtlas(results: readonly ClaimResult[]): ProofAtlas {
  return proofAtlasSchema.parse({
    schemaVersion: 1,
    steps: appendixEquations.map((equation) => rowOf(equation, results)),
  });
}

export function renderProofAtlas(atlas: ProofAtlas): string {
  const count = (predicate: (row: AtlasRow) => boolean) => atlas.steps.filter(predicate).length;
  // markdownTable escapes the pipes.
  const cell = (text: string | null) => text ?? '—';
  const rows = atlas.steps.map((row) => [
    row.equation,
    row.section,
    row.kind,
    `\`${row.claim}\``,
    row.method,
    row.instances === 0 ? '—' : String(row.instances),
    row.worstRatio === null ? '—' : `${formatNumber(row.worstRatio, 8)} (${row.measure})`,
    `**${row.verdict}**`,
    cell(row.instance === null ? null : row.instance.length > 160 ? `${row.instance.slice(0, 157)}...` : row.instance),
    cell(row.note),
  ]);
  return [
    '# Proof steps of the appendix, equation by equation',
    '',
    'Generated by `npm run report` from the proof steps the claims measured (results.json; machine-readable: proof-steps.json). One row per numbered equation (13)–(94): what kind of statement it is, the claim that checks it, how, on how many instances, the tightest value found and where, and the verdict. A ratio is left/right of an inequality (sup → 1: tight); a slack is (right − left)/(|left| + |right|) (inf → 0: tight).',
    '',
    `- checked: ${count((r) => r.status === 'checked')} (holds ${count((r) => r.verdict === 'holds')}, typo ${count((r) => r.verdict === 'typo')}, violated ${count((r) => r.verdict === 'violated')})`,
    `- not numeric (definitions): ${count((r) => r.status === 'not-numeric')}`,
    `- not yet checked: ${count((r) => r.status === 'unchecked')} (${
      atlas.steps
        .filter((r) => r.status === 'unchecked')
        .map((r) => r.equation)
        .join(', ') || 'none'
    })`,
    '',
    markdownTable(
      [
        'eq.',
        'section',
        'kind',
        'claim',
        'method',
        'instances',
        'tightest',
        'verdict',
        'instance attaining it',
        'note',
      ],
      rows,
    ),
    '',
  ].join('\n');
}
