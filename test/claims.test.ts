import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claims, computeVerdict, createVerifyContext } from '../src/index.ts';
import { theorem3Gap } from '../src/theorems/thm3-medianMeanGap.ts';
import { judge, refutes } from '../src/verdict/judge.ts';
import { testSeed } from './helpers/testSeed.ts';

describe('computeVerdict', () => {
  const pass = { name: 'c', passed: true, detail: '' };
  const fail = { name: 'c', passed: false, detail: '' };
  const flagged = { name: 'n', description: '', flagged: true, detail: '' };
  const missed = { name: 'n', description: '', flagged: false, detail: '' };
  it('holds only when every check passes and every negative control is flagged', () => {
    expect(computeVerdict({ checks: [pass], negativeControls: [flagged] })).toBe('holds');
  });
  it('is violated when a decisive check fails', () => {
    expect(computeVerdict({ checks: [pass, fail], negativeControls: [flagged] })).toBe('violated');
  });
  it('is inconclusive without power (an unflagged or missing control) or without decisive checks', () => {
    expect(computeVerdict({ checks: [pass], negativeControls: [missed] })).toBe('inconclusive');
    expect(computeVerdict({ checks: [pass], negativeControls: [] })).toBe('inconclusive');
    expect(computeVerdict({ checks: [], negativeControls: [flagged] })).toBe('inconclusive');
    expect(computeVerdict({ checks: [{ ...fail, decisive: false }], negativeControls: [flagged] })).toBe(
      'inconclusive',
    );
  });
});

describe('theorem3Gap', () => {
  it('is exactly 1 for a = (0, 1, 5) and 0 when a2 is the mean', () => {
    expect(theorem3Gap([0, 1, 5])).toBe(1);
    expect(theorem3Gap([0, 1, 2])).toBe(0);
  });
});

// mnist-heterogeneous and cifar-analogue train networks (tens of seconds even at the quick preset):
// they are verified by `npm run report`; test/network.test.ts and test/resnet.test.ts cover their
// networks and training loops.
const trainsNetworks = (id: string) => id === 'mnist-heterogeneous' || id === 'cifar-analogue';
/** The committed reports' evidence (default preset): the quick preset runs the same controls and as many checks. */
const committed: { id: string; checks: unknown[]; negativeControls: { name: string }[] }[] = JSON.parse(
  readFileSync('reports/results.json', 'utf8'),
).claims;
describe.each(claims.filter((claim) => !trainsNetworks(claim.id)).map((claim) => [claim.id, claim] as const))(
  'claim %s at the quick preset',
  (id, claim) => {
    it('holds, with every negative control flagged and a shrunk counterexample where one is expected', async () => {
      const evidence = await claim.verify(createVerifyContext(testSeed(), id, 'quick'));
      const failed = evidence.checks.filter((check) => !check.passed).map((check) => `${check.name}: ${check.detail}`);
      expect(failed).toEqual([]);
      expect(evidence.negativeControls.length).toBeGreaterThan(0);
      expect(evidence.negativeControls.filter((control) => !control.flagged).map((control) => control.name)).toEqual(
        [],
      );
      expect(computeVerdict(evidence)).toBe('holds');
      expect(evidence.figures.length).toBeGreaterThan(0);
      // No control or check is dropped unnoticed (a control switched off still leaves the verdict 'holds').
      const reported = committed.find((entry) => entry.id === id)!;
      expect(evidence.negativeControls.map((control) => control.name)).toEqual(
        reported.negativeControls.map((control) => control.name),
      );
      expect(evidence.checks.length).toBe(reported.checks.length);
      // Measure → judge: every check and control states the criterion it was decided on, and its outcome follows from it.
      for (const check of evidence.checks) {
        expect(check.criterion, check.name).toBeDefined();
        expect(judge(check.criterion!).passed, check.name).toBe(check.passed);
        expect(check.criterion!.alpha, check.name).toBe(check.falseFailureProbability ?? 0);
      }
      for (const control of evidence.negativeControls) {
        expect(control.criterion, control.name).toBeDefined();
        expect(refutes(control.criterion!), control.name).toBe(control.flagged);
      }
    });
  },
);

describe('claimRegistry', () => {
  it('lists exactly the claims of claims.ts, in report order, each declared in the file it names', async () => {
    const { claimRegistry } = await import('../src/theorems/claimRegistry.ts');
    expect(claims.map((claim) => claim.id)).toEqual(claimRegistry.map((entry) => entry.id));
    for (const entry of claimRegistry) {
      const module = (await import(`../src/theorems/${entry.file}`)) as Record<string, unknown>;
      expect(
        Object.values(module).some((value) => (value as { id?: string } | null)?.id === entry.id),
        `${entry.file} declares ${entry.id}`,
      ).toBe(true);
    }
  });
});
