// The network-training tasks load their trainers on first use: a claim that trains no network
// does not reach the trainers' code. The calibration fingerprint follows static runtime imports
// only, so the groups that train name their trainer as an entry (scripts/calibration).
type MnistTrainingTask = typeof import('../problems/heterogeneousMnist.ts').mnistTrainingTask;
type CifarTrainingTask = typeof import('../problems/cifarAnalogue.ts').cifarTrainingTask;

export const networkTasks = {
  /** One MNIST training run (App. I). */
  mnistTraining: async (...args: Parameters<MnistTrainingTask>): Promise<Awaited<ReturnType<MnistTrainingTask>>> =>
    (await import('../problems/heterogeneousMnist.ts')).mnistTrainingTask(...args),
  /** One training run of the CIFAR-10 experiment's network family (App. I). */
  cifarTraining: async (...args: Parameters<CifarTrainingTask>): Promise<Awaited<ReturnType<CifarTrainingTask>>> =>
    (await import('../problems/cifarAnalogue.ts')).cifarTrainingTask(...args),
};
