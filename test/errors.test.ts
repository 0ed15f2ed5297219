import { describe, expect, it } from 'vitest';
import { MedmeanError, integrate } from '../src/index.ts';
import { describeValue } from '../src/errors/MedmeanError.ts';

describe('MedmeanError on hostile values', () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const throwingGetter = Object.defineProperty({}, 'x', {
    enumerable: true,
    get: () => {
      throw new Error('boom');
    },
  });
  const hostile: Array<[string, unknown]> = [
    ['a toString that is not a function', { toString: 0 }],
    [
      'a toString and valueOf that throw',
      {
        toString: () => {
          throw new Error('no');
        },
        valueOf: () => {
          throw new Error('no');
        },
      },
    ],
    ['a revoked proxy', revoked.proxy],
    ['a cyclic object', cyclic],
    ['a throwing getter', throwingGetter],
    ['an array holding a throwing getter', [throwingGetter]],
    ['a symbol', Symbol('s')],
    ['an object without a prototype', Object.create(null)],
  ];

  it.each(hostile)('describes %s without throwing', (_name, value) => {
    expect(typeof describeValue(value)).toBe('string');
    const error = new MedmeanError('api', 'parameter', 'a number', value);
    expect(error.message).toMatch(/^api: invalid argument\. `parameter` must be a number\. Value: `.*`\.$/s);
  });

  it('integrate rejects a hostile bound with MedmeanError naming it, not a TypeError from the comparison', () => {
    expect(() => integrate((x) => x, 1e12, { toString: 0 } as never)).toThrow(/`b` must be a number/);
    expect(() => integrate((x) => x, revoked.proxy as never, 1)).toThrow(MedmeanError);
    expect(() => integrate((x) => x, 0, 1, { relTol: { toString: 0 } } as never)).toThrow(/`options.relTol`/);
    expect(() => integrate((x) => x, 0, 1, { breakpoints: [NaN] })).toThrow(/`options.breakpoints`/);
  });
});
