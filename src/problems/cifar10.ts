// CIFAR-10 in its binary version (https://www.cs.toronto.edu/~kriz/cifar.html): data_batch_1.bin …
// data_batch_5.bin and test_batch.bin, each a sequence of 3073-byte records: the label (0…9), then
// 1024 red, 1024 green and 1024 blue bytes of a 32×32 image in row-major order.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MedmeanError } from '../errors/MedmeanError.ts';

export const CIFAR10_RECORD_BYTES = 3073;
export const CIFAR10_TRAIN_FILES = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
] as const;
export const CIFAR10_TEST_FILE = 'test_batch.bin';

/** Images as 3072 values in [0, 1] (the channels one after the other, as stored), with their labels. */
export interface Cifar10Part {
  readonly images: Float64Array[];
  readonly labels: Uint8Array;
}

/** The number of records in a batch: a whole positive number of them, each with a label 0…9. */
function checkRecords(api: string, name: string, bytes: Uint8Array): number {
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD_BYTES !== 0)
    throw new MedmeanError(
      api,
      name,
      `a whole number of ${CIFAR10_RECORD_BYTES}-byte records`,
      `${bytes.length} bytes`,
    );
  const count = bytes.length / CIFAR10_RECORD_BYTES;
  for (let k = 0; k < count; k++)
    if (bytes[k * CIFAR10_RECORD_BYTES] > 9)
      throw new MedmeanError(api, `${name}, record ${k}`, 'a label 0…9', bytes[k * CIFAR10_RECORD_BYTES]);
  return count;
}

/** Parses one batch file; `name` names it in errors. */
export function parseCifar10Batch(bytes: Uint8Array, name = 'batch'): Cifar10Part {
  const api = 'parseCifar10Batch';
  if (!(bytes instanceof Uint8Array)) throw new MedmeanError(api, name, 'the bytes of a CIFAR-10 binary batch', bytes);
  const count = checkRecords(api, name, bytes);
  const labels = new Uint8Array(count);
  const pixels = new Float64Array(count * (CIFAR10_RECORD_BYTES - 1));
  for (let k = 0; k < count; k++) {
    const start = k * CIFAR10_RECORD_BYTES;
    labels[k] = bytes[start];
    for (let p = 0; p < CIFAR10_RECORD_BYTES - 1; p++)
      pixels[k * (CIFAR10_RECORD_BYTES - 1) + p] = bytes[start + 1 + p] / 255;
  }
  const images = Array.from({ length: count }, (_, k) =>
    pixels.subarray(k * (CIFAR10_RECORD_BYTES - 1), (k + 1) * (CIFAR10_RECORD_BYTES - 1)),
  );
  return { images, labels };
}

/** The directory exists and holds every file of the binary version; the error names what is missing. */
function requireCifar10Files(api: string, directory: string): void {
  if (typeof directory !== 'string' || !existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new MedmeanError(
      api,
      'directory',
      'a directory holding the CIFAR-10 binary version (data_batch_1.bin … data_batch_5.bin, test_batch.bin)',
      directory,
    );
  }
  const missing = [...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE].filter((file) => !existsSync(path.join(directory, file)));
  if (missing.length > 0)
    throw new MedmeanError(
      api,
      'directory',
      `a directory holding ${missing.join(', ')} (the CIFAR-10 binary version)`,
      directory,
    );
}

/**
 * Checks that `directory` holds CIFAR-10's binary version without converting it: every file is
 * present, a whole positive number of records, with labels 0…9. Errors name the directory, the
 * missing files or the bad file and record. Returns the record counts of the training and test files.
 */
export function checkCifar10Directory(directory: string): { train: number; test: number } {
  const api = 'checkCifar10Directory';
  requireCifar10Files(api, directory);
  const records = (file: string) => checkRecords(api, file, new Uint8Array(readFileSync(path.join(directory, file))));
  return {
    train: CIFAR10_TRAIN_FILES.reduce((total, file) => total + records(file), 0),
    test: records(CIFAR10_TEST_FILE),
  };
}

/**
 * The training batches (in order) and the test batch from `directory`. A missing directory or file
 * is an error that names what is missing; nothing is read until every file is present.
 */
export function loadCifar10(directory: string): { train: Cifar10Part; test: Cifar10Part } {
  const api = 'loadCifar10';
  requireCifar10Files(api, directory);
  const read = (file: string) => parseCifar10Batch(new Uint8Array(readFileSync(path.join(directory, file))), file);
  const parts = CIFAR10_TRAIN_FILES.map(read);
  return {
    train: {
      images: parts.flatMap((part) => part.images),
      labels: Uint8Array.from(parts.flatMap((part) => [...part.labels])),
    },
    test: read(CIFAR10_TEST_FILE),
  };
}
