/**
 * The tests a StrykerJS run reruns per mutant: `defaults`, or the files MUTATION_TESTS=a,b names
 * (a run over one source file against its own tests); MUTATION_SKIP=pattern leaves out the tests
 * whose names match it (the engine's M = 51 and 101 cases take minutes per surviving mutant under
 * StrykerJS's instrumentation).
 */
export function mutationTestSelection(defaults: readonly string[]): { include: string[]; testNamePattern?: RegExp } {
  const skip = process.env.MUTATION_SKIP;
  return {
    include: process.env.MUTATION_TESTS?.split(',') ?? [...defaults],
    ...(skip ? { testNamePattern: new RegExp(`^((?!${skip}).)*$`) } : {}),
  };
}
