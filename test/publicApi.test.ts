// The public API's validating layer: the same values as the kernels it wraps, and a MedmeanError
// naming the parameter for what the kernels would have turned into NaN or a TypeError.
import { describe, expect, it } from 'vitest';
import * as medmean from '../src/index.ts';
import { noiseFamilies as kernels } from '../src/distributions/noiseFamilies.ts';
import { erf as erfKernel, erfc as erfcKernel } from '../src/distributions/special/erfc.ts';

const { MedmeanError } = medmean;
const points = [-Infinity, -40, -3.5, -1, -0.25, -0, 0, 1e-300, 0.5, 2, 7.25, 40, Infinity];
const probabilities = [0, 1e-300, 1e-10, 0.025, 0.5, 0.975, 1 - 1e-15, 1];

describe('the public noise families', () => {
  it.each(kernels.map((kernel) => [kernel.name, kernel] as const))(
    '%s gives exactly its kernel’s values',
    (name, kernel) => {
      const family = medmean.getNoiseFamily(name);
      for (const method of ['pdf', 'cdf', 'sf', 'dpdf', 'd2pdf'] as const)
        expect(points.map((x) => family[method](x))).toEqual(points.map((x) => kernel[method](x)));
      expect(probabilities.map((p) => family.quantile(p))).toEqual(probabilities.map((p) => kernel.quantile(p)));
      const draws = (source: typeof family) => source.sample(medmean.deriveStream(7, name), new Float64Array(300));
      expect(draws(family)).toEqual(draws(kernel));
      expect(medmean.noisyMedianMoments([0, 1, 5], 0.7, family).mean).toBe(
        medmean.noisyMedianMoments([0, 1, 5], 0.7, name).mean,
      );
    },
  );

  it('rejects NaN, non-numbers and probabilities outside [0, 1], naming the method and the parameter', () => {
    expect(() => medmean.gaussian.cdf(Number.NaN)).toThrow(/^gaussian\.cdf: invalid argument\. `x` must be/);
    expect(() => medmean.laplace.pdf('1' as never)).toThrow(MedmeanError);
    expect(() => medmean.uniform.quantile(1.5)).toThrow(
      /^uniform\.quantile: invalid argument\. `p` must be a probability in \[0, 1\]\. Value: `1\.5`\.$/,
    );
    expect(() => medmean.studentT5.sample({} as never, new Float64Array(2))).toThrow(/`stream` must be a RandomStream/);
    expect(() => medmean.logistic.sample(medmean.deriveStream(1), [0, 0] as never)).toThrow(
      /`out` must be a Float64Array/,
    );
    expect(Object.isFrozen(medmean.gaussian) && Object.isFrozen(medmean.noiseFamilies)).toBe(true);
  });
});

describe('erf, erfc, sign, trimCount and the samplers at the public boundary', () => {
  it('erf and erfc give their kernels’ values and reject NaN', () => {
    expect(points.map(medmean.erf)).toEqual(points.map(erfKernel));
    expect(points.map(medmean.erfc)).toEqual(points.map(erfcKernel));
    expect(() => medmean.erf(Number.NaN)).toThrow(/^erf: invalid argument\. `x`/);
  });

  it('sign: −1, 0 or 1 with sign(±0) = 0; NaN has no sign', () => {
    expect([-Infinity, -2, -0, 0, Number.MIN_VALUE, Infinity].map(medmean.sign)).toEqual([-1, -1, 0, 0, 1, 1]);
    expect(() => medmean.sign(Number.NaN)).toThrow(/^sign: invalid argument\. `x` must be a number \(not NaN\)/);
  });

  it('trimCount: ⌊β·M⌋ or the count, validated as trimmedMean validates them', () => {
    expect(medmean.trimCount({ fraction: 0.1 }, 10)).toBe(1);
    expect(medmean.trimCount({ fraction: 0.15 }, 10)).toBe(1);
    expect(medmean.trimCount({ count: 2 }, 5)).toBe(2);
    expect(() => medmean.trimCount({ count: 3 }, 5)).toThrow(/less than half the number of vectors \(M = 5\)/);
    expect(() => medmean.trimCount({ fraction: Number.NaN }, 10)).toThrow(
      /`options\.fraction` must be a number in \[0, 0\.5\)/,
    );
    expect(() => medmean.trimCount({ fraction: 0.1 }, 2.5)).toThrow(/`M` must be a positive integer/);
  });

  it('fillUniform and fillStandardNormal fill and return a Float64Array, and reject anything else', () => {
    const out = new Float64Array(5);
    expect(medmean.fillUniform(medmean.deriveStream(3), out)).toBe(out);
    expect(out.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(() => medmean.fillUniform(medmean.deriveStream(3), 5)).toThrow(/^fillUniform: invalid argument\. `out`/);
    expect(() => medmean.fillStandardNormal(undefined, out)).toThrow(
      /^fillStandardNormal: invalid argument\. `stream`/,
    );
  });

  it('computeVerdict and createVerifyContext reject malformed evidence, seeds, claim ids and presets', () => {
    expect(
      medmean.computeVerdict({ checks: [{ passed: true } as never], negativeControls: [{ flagged: true } as never] }),
    ).toBe('holds');
    expect(() => medmean.computeVerdict({ checks: [{}], negativeControls: [] } as never)).toThrow(
      /`evidence\.checks\[0\]`/,
    );
    expect(() => medmean.createVerifyContext(-1, 'prop1', 'quick')).toThrow(/`seed` must be a non-negative integer/);
    expect(() => medmean.createVerifyContext(1, 'thm9' as never, 'quick')).toThrow(/`claimId` must be one of prop1/);
    expect(() => medmean.createVerifyContext(1, 'prop1', 'fast' as never)).toThrow(
      /`preset` must be one of quick, default, full/,
    );
    expect(medmean.createVerifyContext(1, 'prop1', 'quick').stream('x').next()).toBe(
      medmean.deriveStream(1, 'prop1', 'x').next(),
    );
  });
});

describe('the exported claims', () => {
  it("check the context their verify gets, and run as the report's claims do", async () => {
    const [prop1] = medmean.claims;
    expect(() => prop1.verify({} as never)).toThrow(
      /^prop1\.verify: invalid argument\. `context\.seed` must be a non-negative integer/,
    );
    expect(() => prop1.verify(undefined as never)).toThrow(/`context` must be a VerifyContext/);
    expect(() =>
      prop1.verify({ ...medmean.createVerifyContext(1, 'prop1', 'quick'), preset: 'huge' } as never),
    ).toThrow(/`context\.preset` must be one of quick, default, full/);
    expect(medmean.claims.map((claim) => claim.id)).toEqual(medmean.claimIds);
    const evidence = await prop1.verify(medmean.createVerifyContext(3, 'prop1', 'quick'));
    expect(medmean.computeVerdict(evidence)).toBe('holds');
  });
});
