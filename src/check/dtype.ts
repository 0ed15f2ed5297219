/** The floating-point format an aggregator computes in, as `medmean check --dtype` names it. */
export type DtypeName = 'float64' | 'float32';
export const dtypeNames: readonly DtypeName[] = ['float64', 'float32'];

export interface Dtype {
  readonly name: DtypeName;
  /** The largest finite value. */
  readonly max: number;
  /** The smallest positive subnormal and the smallest positive normal value. */
  readonly minSubnormal: number;
  readonly minNormal: number;
  /** The spacing of values at 1 (one ulp at 1). */
  readonly epsilon: number;
  /** The nearest representable value (round to nearest even; overflows to ±Infinity). */
  round(x: number): number;
  /** The typed array the aggregator receives in-process. */
  array(values: ArrayLike<number>): Float64Array | Float32Array;
}

const float32Bits = new Float32Array(1);
const float32Word = new Uint32Array(float32Bits.buffer);

export const float64: Dtype = {
  name: 'float64',
  max: Number.MAX_VALUE,
  minSubnormal: Number.MIN_VALUE,
  minNormal: 2 ** -1022,
  epsilon: Number.EPSILON,
  round: (x) => x,
  array: (values) => Float64Array.from(values),
};

export const float32: Dtype = {
  name: 'float32',
  max: 3.4028234663852886e38,
  minSubnormal: 2 ** -149,
  minNormal: 2 ** -126,
  epsilon: 2 ** -23,
  round: Math.fround,
  array: (values) => Float32Array.from(values),
};

export function getDtype(name: DtypeName): Dtype {
  return name === 'float32' ? float32 : float64;
}

/** The representable value of `dtype` nearest to x whose magnitude is at most `limit` (itself representable). */
export function roundWithin(dtype: Dtype, x: number, limit: number): number {
  const rounded = dtype.round(x);
  if (Math.abs(rounded) <= limit) return rounded;
  return Math.sign(x) * limit;
}

/** The largest value of `dtype` that is at most x (x ≥ 0 and finite). */
export function largestAtMost(dtype: Dtype, x: number): number {
  if (dtype.name === 'float64') return x;
  const rounded = Math.fround(x);
  if (rounded <= x) return rounded;
  float32Bits[0] = rounded;
  float32Word[0] -= 1;
  return float32Bits[0];
}
