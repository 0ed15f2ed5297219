/** sign(x) in {−1, 0, 1}; sign(0) = sign(−0) = 0 (the convention of Proposition 1's vote). */
export function sign(x: number): number {
  // Branch-free: random signs would mispredict a branch half the time.
  return +(x > 0) - +(x < 0);
}
