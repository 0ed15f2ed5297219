// The network-training tasks load their trainers on first use. A claim that trains no network
// then does not reach the trainers' code, and neither does its calibration fingerprint (which
// follows static imports only); the claims that train import their trainer's types, which puts
// the trainer in their own fingerprint.
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
