import { LARGE_M_CHECK_NAME, type CheckResult } from './runChecks.ts';

export interface CheckRun {
  /** The medmean subcommand that ran the checks. */
  readonly command: 'check' | 'check-noisy';
  readonly target: string;
  readonly rule: string;
  /** The rule's conventions and the checked range, in words (only those that apply to the rule). */
  readonly conventions: readonly string[];
  readonly seed: number;
  readonly replay: string;
  readonly results: readonly CheckResult[];
}

const LABEL = { pass: 'PASS', fail: 'FAIL', incomplete: 'INCOMPLETE', info: 'INFO', skip: 'SKIP' } as const;

/** The short human summary printed on stdout. */
export function formatSummary(run: CheckRun): string {
  const lines = [
    `medmean ${run.command} --rule ${run.rule} ${run.target}, seed ${run.seed}`,
    ...run.conventions.map((convention) => `  ${convention}`),
  ];
  for (const result of run.results) {
    lines.push(`  ${LABEL[result.status]} ${result.name}`);
    if (result.status !== 'pass') lines.push(`       ${result.detail}`);
    if (result.counterexample !== undefined)
      lines.push(`       ${counterexampleLabel(result)}: ${truncate(result.counterexample, 600)}`);
  }
  const failed = run.results.filter((r) => r.status === 'fail').length;
  const passed = run.results.filter((r) => r.status === 'pass').length;
  const incomplete = run.results.filter((r) => r.status === 'incomplete').length;
  lines.push(`${passed} passed, ${failed} failed${incomplete > 0 ? `, ${incomplete} incomplete` : ''}`);
  if (failed > 0 || incomplete > 0) lines.push(`replay: ${run.replay}`);
  return `${lines.join('\n')}\n`;
}

/**
 * What a failed check's counterexample is. Shrunk inputs are JSON; at large M only the number of
 * workers is shrunk; a check on a fixed seeded input describes where it failed instead.
 */
function counterexampleLabel(result: CheckResult): string {
  if (!/^[[{]/.test(result.counterexample ?? '')) return 'counterexample';
  if (result.name === LARGE_M_CHECK_NAME)
    return result.counterexampleMinimal === false
      ? 'counterexample (vectors; the time budget stopped the dropping of workers, values as generated)'
      : 'counterexample (vectors; no worker can be dropped, values as generated)';
  if (result.valuesAsGenerated === true)
    return 'counterexample (vectors; no worker or coordinate can be dropped, values as generated)';
  return 'minimal counterexample (vectors)';
}

function truncate(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length} characters; whole in --counterexample-out FILE, --report and --junit)`;
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 forbids these control characters even escaped: they are dropped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/** JUnit XML: one testcase per check; failures carry the message and the counterexample. */
export function formatJUnit(run: CheckRun): string {
  // An incomplete check is reported as a failure: it has not shown what a pass shows.
  const failures = run.results.filter((r) => r.status === 'fail' || r.status === 'incomplete').length;
  const skipped = run.results.filter((r) => r.status === 'skip').length;
  const cases = run.results.map((result) => {
    const open = `    <testcase classname="medmean.check.${xml(run.rule)}" name="${xml(result.name)}">`;
    if (result.status === 'incomplete')
      return `${open}\n      <failure type="incomplete" message="${xml(result.detail.slice(0, 500))}">${xml(`${result.detail}\nreplay: ${run.replay}`)}</failure>\n    </testcase>`;
    if (result.status === 'fail') {
      const body = `${result.detail}${result.counterexample ? `\n${counterexampleLabel(result)}: ${result.counterexample}` : ''}\nreplay: ${run.replay}`;
      return `${open}\n      <failure message="${xml(result.detail.slice(0, 500))}">${xml(body)}</failure>\n    </testcase>`;
    }
    if (result.status === 'skip') return `${open}\n      <skipped message="${xml(result.detail)}"/>\n    </testcase>`;
    return `${open}\n      <system-out>${xml(result.detail)}</system-out>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="medmean ${run.command}" tests="${run.results.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="medmean ${run.command} --rule ${xml(run.rule)} ${xml(run.target)}" tests="${run.results.length}" failures="${failures}" skipped="${skipped}">`,
    `    <properties><property name="seed" value="${run.seed}"/>${run.conventions.map((convention) => `<property name="convention" value="${xml(convention)}"/>`).join('')}</properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** A markdown report of the run. */
export function formatMarkdown(run: CheckRun): string {
  // biome-ignore lint/suspicious/noShadowRestrictedNames: a local name; the deprecated global escape() is never used
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = run.results.map(
    (r) =>
      `| ${escape(r.name)} | ${LABEL[r.status]} | ${escape(r.detail)}${r.counterexample ? `<br>${counterexampleLabel(r)}: \`${escape(truncate(r.counterexample, 400))}\`` : ''} |`,
  );
  const failed = run.results.filter((r) => r.status === 'fail').length;
  const incomplete = run.results.filter((r) => r.status === 'incomplete').length;
  const verdict =
    failed > 0
      ? `**${failed} failing**`
      : incomplete > 0
        ? `**${incomplete} incomplete** (time budget ran out; no failure found)`
        : '**all checks pass**';
  return [
    `# medmean ${run.command}: ${run.rule}`,
    '',
    `Aggregator: \`${run.target}\` · rule \`${run.rule}\` · ${run.conventions.map(escape).join(' · ')} · seed ${run.seed} · ${verdict}`,
    '',
    '| check | result | detail |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `Replay: \`${run.replay}\``,
    '',
    // The table shortens long counterexamples; here they are whole.
    ...run.results
      .filter((r) => r.counterexample !== undefined && r.counterexample.length > 400)
      .flatMap((r) => [
        `## ${r.name}: the whole ${counterexampleLabel(r)}`,
        '',
        '```json',
        r.counterexample!,
        '```',
        '',
      ]),
  ].join('\n');
}

/** Every failing check's counterexample, whole, as JSON (`--counterexample-out`). */
export function formatCounterexamples(run: CheckRun): string {
  const failures = run.results
    .filter((r) => r.status === 'fail')
    .map((r) => ({
      check: r.name,
      detail: r.detail,
      kind: counterexampleLabel(r),
      counterexample: r.counterexample ?? null,
    }));
  return `${JSON.stringify({ rule: run.rule, conventions: run.conventions, seed: run.seed, replay: run.replay, failures }, null, 2)}\n`;
}
