import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor4D } from '@tensorflow/tfjs';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { cifarAnalogueData, type CifarRunOptions, trainCifarAnalogue } from '../src/problems/cifarAnalogue.ts';
import { CIFAR10_RECORD_BYTES, CIFAR10_TEST_FILE, CIFAR10_TRAIN_FILES } from '../src/problems/cifar10.ts';
import {
  initialResnetParameters,
  RESNET20,
  type ResnetShape,
  resnetLossAndGradients,
  resnetNodeLossesAndGradients,
  resnetParameters,
} from '../src/problems/resnet.ts';
import { loadTensorflow, tensorflow } from '../src/problems/tensorflow.ts';

const uniform = (stream: ReturnType<typeof deriveStream>, count: number) =>
  Float32Array.from({ length: count }, () => 2 * stream.next() - 1);
/** A tensor of the given shape with entries uniform on [−1, 1). */
const uniformTensor = (stream: ReturnType<typeof deriveStream>, shape: number[]) =>
  tensorflow().tensor(
    uniform(
      stream,
      shape.reduce((a, b) => a * b, 1),
    ),
    shape,
  );

beforeAll(async () => {
  await loadTensorflow();
});

describe('TensorFlow.js filter gradient (the kernel medmean registers for the wasm backend)', () => {
  it.each([
    [1, 'same', 3],
    [2, 'same', 3],
    [1, 'valid', 3],
    [2, 'valid', 3],
    [2, 'same', 1],
    [3, 'valid', 2],
  ] as const)(
    'equals ⟨conv(x, e_k), dy⟩ for every filter entry k (stride %i, %s padding, filter %i wide)',
    (stride, pad, size) => {
      const tf = tensorflow();
      const stream = deriveStream(3, 'filter-gradient', stride, pad, size);
      const filterShape = [size, size, 3, 4] as [number, number, number, number];
      const filterSize = filterShape.reduce((a, b) => a * b, 1);
      const x = tf.tensor4d(uniform(stream, 2 * 5 * 6 * 3), [2, 5, 6, 3]);
      const w = tf.tensor4d(uniform(stream, filterSize), filterShape);
      const outShape = tf.conv2d(x, w, stride, pad).shape;
      const dy = uniformTensor(stream, outShape);
      const dW = tf
        .grad((filter) => tf.sum(tf.mul(tf.conv2d(x, filter as typeof w, stride, pad), dy)))(w)
        .dataSync();
      const expected = Array.from({ length: filterSize }, (_, k) => {
        const unit = new Float32Array(filterSize);
        unit[k] = 1;
        return tf.sum(tf.mul(tf.conv2d(x, tf.tensor4d(unit, filterShape), stride, pad), dy)).dataSync()[0];
      });
      for (let k = 0; k < expected.length; k++) expect(dW[k]).toBeCloseTo(expected[k], 4);
    },
  );
});

describe("TensorFlow.js input gradient (the kernel medmean registers in place of the wasm backend's)", () => {
  type Padding = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
  it.each<[[number, number], Padding, [number, number], number, number]>([
    [[1, 1], 'same', [3, 3], 5, 6],
    [[2, 2], 'same', [3, 3], 7, 7],
    [[2, 2], 'same', [3, 3], 4, 5],
    [[1, 1], 'valid', [3, 3], 5, 6],
    [[2, 2], 'valid', [3, 3], 7, 6],
    [[2, 2], 'same', [1, 1], 7, 4],
    [[3, 3], 'valid', [2, 2], 8, 7],
    [[2, 1], 'same', [3, 2], 7, 6],
    [[1, 3], 'valid', [2, 3], 6, 8],
    // Explicit padding, and padding wider than the filter (which the backend's own kernel serves).
    [
      [1, 2],
      [
        [0, 0],
        [2, 0],
        [1, 3],
        [0, 0],
      ],
      [3, 3],
      5,
      6,
    ],
    [
      [1, 1],
      [
        [0, 0],
        [3, 1],
        [0, 0],
        [0, 0],
      ],
      [3, 3],
      5,
      5,
    ],
  ])(
    'equals ⟨conv(e_k, w), dy⟩ for every input entry k (strides %j, padding %j, filter %j, %i×%i input)',
    (stride, pad, [filterHeight, filterWidth], height, width) => {
      const tf = tensorflow();
      const stream = deriveStream(
        3,
        'input-gradient',
        JSON.stringify([stride, pad, filterHeight, filterWidth, height, width]),
      );
      const inputShape = [2, height, width, 3] as [number, number, number, number];
      const inputSize = inputShape.reduce((a, b) => a * b, 1);
      const filterShape = [filterHeight, filterWidth, 3, 4] as [number, number, number, number];
      const x = tf.tensor4d(uniform(stream, inputSize), inputShape);
      const w = uniformTensor(stream, filterShape) as Tensor4D;
      const outShape = tf.conv2d(x, w, stride, pad).shape;
      const dy = uniformTensor(stream, outShape);
      const dx = tf
        .grad((input) => tf.sum(tf.mul(tf.conv2d(input as typeof x, w, stride, pad), dy)))(x)
        .dataSync();
      for (let k = 0; k < inputSize; k++) {
        const unit = new Float32Array(inputSize);
        unit[k] = 1;
        const expected = tf.sum(tf.mul(tf.conv2d(tf.tensor4d(unit, inputShape), w, stride, pad), dy)).dataSync()[0];
        expect(dx[k]).toBeCloseTo(expected, 4);
      }
    },
  );
});

describe('ResNet v1 without batch normalisation', () => {
  it('has the 19 3×3 convolutions, two 1×1 shortcuts and the dense layer of ResNet-20', () => {
    const specs = resnetParameters({ ...RESNET20, inputSize: 32, inputChannels: 3 });
    const kernels = specs.filter((spec) => !spec.bias);
    expect(kernels.filter((spec) => spec.shape[0] === 3).length).toBe(19);
    expect(kernels.filter((spec) => spec.shape[0] === 1).length).toBe(2);
    expect(kernels.at(-1)!.shape).toEqual([64, 10]);
  });

  it('draws he_normal kernels within two standard deviations and zero biases, from its stream', () => {
    const shape: ResnetShape = { inputSize: 7, inputChannels: 1, blocksPerStage: 1, widths: [4, 8, 16], classes: 10 };
    const first = initialResnetParameters(shape, deriveStream(5, 'init'));
    expect(initialResnetParameters(shape, deriveStream(5, 'init'))).toEqual(first);
    resnetParameters(shape).forEach((spec, k) => {
      const bound = (2 * Math.sqrt(2 / spec.fanIn)) / 0.87962566103423978;
      if (spec.bias) expect(first[k].every((value) => value === 0)).toBe(true);
      else expect(first[k].every((value) => Math.abs(value) <= bound * (1 + 1e-6))).toBe(true);
    });
  });

  it('has a gradient that matches central finite differences', () => {
    const shape: ResnetShape = { inputSize: 6, inputChannels: 1, blocksPerStage: 1, widths: [2, 3, 3], classes: 10 };
    const stream = deriveStream(6, 'finite-differences');
    const parameters = initialResnetParameters(shape, stream);
    const batch = { pixels: uniform(stream, 4 * 36).map(Math.abs), labels: Int32Array.from([1, 4, 7, 9]) };
    const { gradients } = resnetLossAndGradients(shape, parameters, batch);
    const h = 1e-3;
    for (let tensor = 0; tensor < parameters.length; tensor += 3) {
      const entry = Math.floor(stream.next() * parameters[tensor].length);
      const at = (delta: number) => {
        const moved = parameters.map((values) => values.slice());
        moved[tensor][entry] += delta;
        return resnetLossAndGradients(shape, moved, batch).loss;
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      expect(Math.abs(gradients[tensor][entry] - numeric)).toBeLessThan(2e-3 + 0.02 * Math.abs(numeric));
    }
  });
});

describe("each node's gradient from one pass over all the nodes' images", () => {
  const networks: Array<[string, ResnetShape]> = [
    [
      'the digits analogue (7×7, widths 4, 8, 16)',
      { inputSize: 7, inputChannels: 1, blocksPerStage: 1, widths: [4, 8, 16], classes: 10 },
    ],
    [
      'two blocks a stage on 6×6 images',
      { inputSize: 6, inputChannels: 1, blocksPerStage: 2, widths: [2, 3, 3], classes: 10 },
    ],
    [
      'three channels on 5×5 images',
      { inputSize: 5, inputChannels: 3, blocksPerStage: 1, widths: [3, 3, 4], classes: 10 },
    ],
  ];
  const batchesFor = (shape: ResnetShape, nodes: number, perNode: number, seed: number) => {
    const stream = deriveStream(seed, 'node-batches');
    const perImage = shape.inputSize * shape.inputSize * shape.inputChannels;
    return Array.from({ length: nodes }, () => ({
      pixels: uniform(stream, perNode * perImage).map(Math.abs),
      labels: Int32Array.from({ length: perNode }, () => Math.floor(stream.next() * shape.classes)),
    }));
  };

  it.each(
    networks.flatMap(([name, shape]) =>
      [
        [5, 4],
        [3, 1],
        [1, 3],
      ].map(([nodes, perNode]) => [name, nodes, perNode, shape] as const),
    ),
  )('equals automatic differentiation on each node alone (%s, %i nodes of %i images)', (_, nodes, perNode, shape) => {
    const parameters = initialResnetParameters(shape, deriveStream(8, 'node-parameters'));
    const batches = batchesFor(shape, nodes, perNode, 9);
    const tensorsBefore = tensorflow().memory().numTensors;
    const together = resnetNodeLossesAndGradients(shape, parameters, batches);
    expect(tensorflow().memory().numTensors).toBe(tensorsBefore);
    expect(together.losses).toHaveLength(nodes);
    batches.forEach((batch, node) => {
      const alone = resnetLossAndGradients(shape, parameters, batch);
      expect(together.losses[node]).toBeCloseTo(alone.loss, 5);
      expect(together.gradients[node]).toHaveLength(alone.gradients.length);
      alone.gradients.forEach((expected, tensor) => {
        const actual = together.gradients[node][tensor];
        expect(actual).toHaveLength(expected.length);
        // float32 sums in another order: within 1e-5 of the tensor's largest entry (8e-7 seen).
        const scale = expected.reduce((largest, value) => Math.max(largest, Math.abs(value)), 0);
        for (let k = 0; k < expected.length; k++)
          expect(Math.abs(actual[k] - expected[k])).toBeLessThanOrEqual(1e-5 * scale);
      });
    });
  });

  it("gives each node its own gradient: the nodes' batches swapped swap the gradients", () => {
    const shape = networks[0][1];
    const parameters = initialResnetParameters(shape, deriveStream(8, 'node-parameters'));
    const [first, second] = batchesFor(shape, 2, 4, 10);
    const forward = resnetNodeLossesAndGradients(shape, parameters, [first, second]);
    const swapped = resnetNodeLossesAndGradients(shape, parameters, [second, first]);
    expect(forward.gradients[0]).not.toEqual(forward.gradients[1]);
    expect(swapped.losses).toEqual([forward.losses[1], forward.losses[0]]);
    for (let tensor = 0; tensor < forward.gradients[0].length; tensor++) {
      const scale = forward.gradients[0][tensor].reduce((largest, value) => Math.max(largest, Math.abs(value)), 0);
      for (const [k, value] of forward.gradients[1][tensor].entries())
        expect(Math.abs(swapped.gradients[0][tensor][k] - value)).toBeLessThanOrEqual(1e-5 * scale);
    }
  });

  it.each([
    ['no batches', []],
    ['batches of unequal sizes', 'unequal'],
  ] as const)('rejects %s with an error naming `batches`', (_, kind) => {
    const shape = networks[0][1];
    const parameters = initialResnetParameters(shape, deriveStream(8, 'node-parameters'));
    const batches = kind === 'unequal' ? [...batchesFor(shape, 1, 2, 11), ...batchesFor(shape, 1, 3, 12)] : [];
    expect(() => resnetNodeLossesAndGradients(shape, parameters, batches)).toThrow(
      /resnetNodeLossesAndGradients.*`batches`/,
    );
  });
});

const tiny: CifarRunOptions = {
  algorithm: 'noisy-signsgd',
  data: { digitsBlock: 4 },
  split: 'heterogeneous',
  blocksPerStage: 1,
  widths: [2, 2, 2],
  testImagesPerClass: 5,
  steps: 2,
  lr: 0.01,
  batch: 2,
  milestones: [1, 1, 2],
  every: 1,
};
const streams = () => [deriveStream(1, 'i'), deriveStream(1, 'b'), deriveStream(1, 'n')] as const;

describe('the CIFAR-10 experiment trainer', () => {
  it('trains reproducibly from its streams and records the adaptive noise scales', async () => {
    const first = await trainCifarAnalogue(tiny, ...streams());
    expect(await trainCifarAnalogue(tiny, ...streams())).toEqual(first);
    expect(first.curve.map((point) => point.step)).toEqual([0, 1, 2]);
    expect(first.noiseScaleRange![0]).toBeGreaterThan(0);
    expect((await trainCifarAnalogue({ ...tiny, algorithm: 'signsgd' }, ...streams())).noiseScaleRange).toBeUndefined();
  });

  it('gives node k the classes 2k and 2k + 1 in the heterogeneous split, and a fifth of every class otherwise', () => {
    const heterogeneous = cifarAnalogueData('test', { ...tiny, trainImagesPerClass: 20 });
    expect(heterogeneous.nodes.map((node) => [...new Set(node.labels)].sort())).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
    const homogeneous = cifarAnalogueData('test', { ...tiny, split: 'homogeneous', trainImagesPerClass: 20 });
    for (const node of homogeneous.nodes)
      for (let label = 0; label < 10; label++) expect(node.labels.filter((value) => value === label).length).toBe(4);
  });

  it.each([
    ['lr', { lr: 0 }],
    ['widths', { widths: [2, 2] }],
    ['data', { data: {} }],
    ['split', { split: 'one-class' }],
    ['algorithm', { algorithm: 'mediansgd' }],
    ['batch', { batch: 0 }],
  ])('rejects a bad %s with an error naming it', async (parameter, override) => {
    await expect(trainCifarAnalogue({ ...tiny, ...override } as CifarRunOptions, ...streams())).rejects.toThrow(
      new RegExp(`trainCifarAnalogue.*\`${parameter}\``),
    );
  });

  it('trains ResNet-style networks on CIFAR-10 binary batches from a directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-cifar-train-'));
    try {
      const batch = (count: number) => {
        const bytes = new Uint8Array(count * CIFAR10_RECORD_BYTES);
        for (let k = 0; k < count; k++) {
          bytes[k * CIFAR10_RECORD_BYTES] = k % 10;
          for (let p = 1; p < CIFAR10_RECORD_BYTES; p++) bytes[k * CIFAR10_RECORD_BYTES + p] = (k * 31 + p) % 256;
        }
        return bytes;
      };
      for (const file of CIFAR10_TRAIN_FILES) writeFileSync(path.join(dir, file), batch(10));
      writeFileSync(path.join(dir, CIFAR10_TEST_FILE), batch(10));
      const run = await trainCifarAnalogue({ ...tiny, data: { cifar10Directory: dir }, steps: 1 }, ...streams());
      expect(run.curve).toHaveLength(2);
      expect(run.curve[1].testAccuracy).toBeGreaterThanOrEqual(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
