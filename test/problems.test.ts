import { describe, expect, it } from 'vitest';
import { deriveStream, heterogeneousLogistic, MedmeanError, parseProblemSpec, runAlgorithm } from '../src/index.ts';

describe('heterogeneousLogistic', () => {
  const problem = heterogeneousLogistic(5, 3, 40, deriveStream(3, 'logistic-test'));
  it('has a gradient that matches finite differences and vanishes at the minimiser', () => {
    const x = Float64Array.from([0.3, -0.7, 1.1]);
    const g = problem.gradient(x);
    for (let j = 0; j < 3; j++) {
      const h = 1e-6;
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[j] += h;
      minus[j] -= h;
      expect(g[j]).toBeCloseTo((problem.f(plus) - problem.f(minus)) / (2 * h), 7);
    }
    const atMin = problem.gradient(problem.minimiser!);
    expect(Math.hypot(...atMin)).toBeLessThan(1e-10);
    expect(problem.f(Float64Array.from([0.1, 0.1, 0.1]))).toBeGreaterThan(problem.minValue);
  });
  it('local gradients are heterogeneous and average to ∇f', () => {
    const x = Float64Array.from([0.2, 0.2, 0.2]);
    const local = problem.localGradients(x);
    const g = problem.gradient(x);
    for (let j = 0; j < 3; j++) expect(local.reduce((s, v) => s + v[j], 0) / 5).toBeCloseTo(g[j], 12);
    expect(Math.abs(local[0][0] - local[1][0])).toBeGreaterThan(1e-3);
  });
  it('supports minibatch gradients in runAlgorithm, reproducibly', () => {
    const options = { algorithm: 'mediansgd' as const, problem, steps: 50, lr: 0.05, batch: 4 };
    const a = runAlgorithm({ ...options, batchStream: deriveStream(1, 'mb') });
    const b = runAlgorithm({ ...options, batchStream: deriveStream(1, 'mb') });
    expect(a.x).toEqual(b.x);
    expect(a.f[50]).toBeLessThan(a.f[0]);
    expect(() => runAlgorithm({ ...options })).toThrow(/batchStream/);
    expect(() =>
      runAlgorithm({ ...options, problem: parseProblemSpec('scalar:0,1,5'), batchStream: deriveStream(1) }),
    ).toThrow(MedmeanError);
  });
});

describe('parseProblemSpec', () => {
  it('builds the three problem kinds and rejects bad specs', () => {
    expect(parseProblemSpec('scalar:0,1,5').M).toBe(3);
    expect(parseProblemSpec('quadratic:5,4').d).toBe(4);
    expect(parseProblemSpec('logistic:3,2,7').name).toBe('logistic:3,2,50');
    for (const bad of ['', 'scalar:', 'quadratic:5', 'quadratic:0,3', 'logistic:2,x', 'cubic:1', 42]) {
      expect(() => parseProblemSpec(bad)).toThrow(MedmeanError);
    }
  });
});
