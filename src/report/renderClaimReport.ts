import type { Claim, Evidence, Preset, Verdict } from '../theorems/Claim.ts';
import { markdownTable } from '../format/markdownTable.ts';

export interface Footer {
  readonly seed: number;
  readonly preset: Preset;
  readonly version: string;
  readonly commit: string;
}

const VERDICT_BADGE: Record<Verdict, string> = {
  holds: '**holds**',
  violated: '**violated**',
  inconclusive: '**inconclusive**',
};

/** The appendix-style markdown report of one claim. */
export function renderClaimReport(claim: Claim, evidence: Evidence, verdict: Verdict, footer: Footer): string {
  const lines: string[] = [];
  lines.push(
    `# ${claim.title}`,
    '',
    `*${claim.reference}* · claim id \`${claim.id}\` · verdict: ${VERDICT_BADGE[verdict]}`,
    '',
  );
  lines.push('## Statement', '', claim.statement, '');
  lines.push('## Hypotheses', '', ...claim.hypotheses.map((h) => `- ${h}`), '');
  for (const section of evidence.sections) lines.push(`## ${section.title}`, '', section.body, '');
  lines.push('## Checks', '');
  lines.push(
    markdownTable(
      ['check', 'result', 'measured (expected, tolerance)'],
      evidence.checks.map((check) => [
        check.name,
        check.decisive === false ? 'not decisive' : check.passed ? 'pass' : 'FAIL',
        check.falseFailureProbability === undefined
          ? check.detail
          : `${check.detail}; false-failure probability ≤ ${check.falseFailureProbability}`,
      ]),
    ),
    '',
  );
  if (evidence.figures.length > 0) {
    lines.push('## Figures', '');
    evidence.figures.forEach((figure, index) => {
      lines.push(`![${figure.title}](figures/${figure.file})`, '', `*Figure ${index + 1}. ${figure.caption}*`, '');
    });
  }
  lines.push(
    '## Negative controls',
    '',
    'Each control breaks a hypothesis or states a wrong variant of the claim; the same checks must flag it.',
    '',
  );
  lines.push(
    markdownTable(
      ['control', 'what is broken', 'flagged', 'evidence'],
      evidence.negativeControls.map((control) => [
        control.name,
        control.description,
        control.flagged ? 'yes' : 'NO',
        control.detail,
      ]),
    ),
    '',
  );
  const withCounterexamples = evidence.negativeControls.filter((control) => control.counterexample !== undefined);
  if (withCounterexamples.length > 0) {
    lines.push('Shrunk, minimal counterexamples found by fast-check:', '');
    for (const control of withCounterexamples) lines.push(`- ${control.name}: \`${control.counterexample}\``);
    lines.push('');
  }
  lines.push('## Verdict', '', `${VERDICT_BADGE[verdict]}: ${verdictReason(evidence, verdict)}`, '');
  lines.push('## Reproducibility', '');
  const sizes = Object.entries(evidence.sampleSizes)
    .map(([name, value]) => `${name} = ${value}`)
    .join(', ');
  lines.push(
    `Seed ${footer.seed}, preset \`${footer.preset}\`, medmean ${footer.version}, commit \`${footer.commit}\`. Sample sizes: ${sizes}.`,
    '',
    `Regenerate with \`npx medmean report --claims ${claim.id} --seed ${footer.seed}${footer.preset === 'default' ? '' : ` --${footer.preset}`}\`.`,
    '',
  );
  return lines.join('\n');
}

function verdictReason(evidence: Evidence, verdict: Verdict): string {
  const failed = evidence.checks
    .filter((check) => !check.passed && check.decisive !== false)
    .map((check) => check.name);
  const unflagged = evidence.negativeControls.filter((control) => !control.flagged).map((control) => control.name);
  if (verdict === 'violated') return `failed checks: ${failed.join('; ')}.`;
  if (verdict === 'inconclusive') {
    return unflagged.length > 0
      ? `negative controls not flagged (the checks lack power): ${unflagged.join('; ')}.`
      : 'some checks were not decisive.';
  }
  return `all ${evidence.checks.length} checks pass and all ${evidence.negativeControls.length} negative controls are flagged.`;
}
