/** Best of `repeats` wall-clock timings of `work` (awaited when it returns a promise), in seconds. */
export async function bestSeconds(repeats: number, work: () => unknown): Promise<number> {
  let fastest = Infinity;
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    await work();
    fastest = Math.min(fastest, (performance.now() - start) / 1000);
  }
  return fastest;
}
