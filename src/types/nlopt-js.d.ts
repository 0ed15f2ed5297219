// nlopt-js ships no types; medmean uses only the pieces declared here (NLopt's local
// derivative-free algorithms with box bounds and an evaluation budget).
declare module 'nlopt-js' {
  interface Optimize {
    setLowerBounds(bounds: number[]): void;
    setUpperBounds(bounds: number[]): void;
    setMaxObjective(objective: (x: Float64Array, gradient: Float64Array | null) => number, tolerance: number): void;
    setMaxeval(evaluations: number): void;
    optimize(x0: number[]): { success: boolean; x: number[]; value: number };
  }
  const nlopt: {
    ready: Promise<void>;
    Algorithm: Record<'LN_SBPLX' | 'LN_NELDERMEAD' | 'LN_BOBYQA' | 'GN_DIRECT_L', number>;
    Optimize: new (algorithm: number, dimension: number) => Optimize;
    GC: { flush(): void };
  };
  export default nlopt;
}
