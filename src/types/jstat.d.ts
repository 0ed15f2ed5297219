// jstat ships no types; medmean uses only the pieces declared here.
declare module 'jstat' {
  interface Distribution1 {
    cdf(x: number, a: number): number;
    inv(p: number, a: number): number;
  }
  interface Distribution2 {
    cdf(x: number, a: number, b: number): number;
    inv(p: number, a: number, b: number): number;
  }
  const jstat: {
    jStat: {
      studentt: Distribution1;
      chisquare: Distribution1;
      binomial: Distribution2;
      normal: Distribution2 & { sample(mean: number, sd: number): number };
      setRandom(random: () => number): void;
      /** The regularised incomplete beta function I_x(a, b). */
      ibeta(x: number, a: number, b: number): number;
    };
  };
  export default jstat;
}
