import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CIFAR10_RECORD_BYTES,
  CIFAR10_TEST_FILE,
  CIFAR10_TRAIN_FILES,
  checkCifar10Directory,
  loadCifar10,
  parseCifar10Batch,
} from '../src/problems/cifar10.ts';

/** A batch in the CIFAR-10 binary format: per record the label, then 3072 bytes that encode (record, position). */
function batch(labels: number[]): Uint8Array {
  const bytes = new Uint8Array(labels.length * CIFAR10_RECORD_BYTES);
  labels.forEach((label, k) => {
    bytes[k * CIFAR10_RECORD_BYTES] = label;
    for (let p = 0; p < CIFAR10_RECORD_BYTES - 1; p++) bytes[k * CIFAR10_RECORD_BYTES + 1 + p] = (k * 7 + p) % 256;
  });
  return bytes;
}

describe('the CIFAR-10 binary format', () => {
  it('parses labels and channel-major pixels scaled to [0, 1]', () => {
    const { images, labels } = parseCifar10Batch(batch([3, 9]));
    expect(Array.from(labels)).toEqual([3, 9]);
    expect(images.map((image) => image.length)).toEqual([3072, 3072]);
    expect(images[1][0]).toBeCloseTo(7 / 255, 15);
    // The first green byte of record 0 is at position 1024.
    expect(images[0][1024]).toBeCloseTo((1024 % 256) / 255, 15);
  });

  it('rejects a partial record and a label above 9, naming the file', () => {
    expect(() => parseCifar10Batch(batch([1]).subarray(1), 'data_batch_2.bin')).toThrow(
      /`data_batch_2\.bin` must be a whole number of 3073-byte records/,
    );
    expect(() => parseCifar10Batch(batch([1, 12]), 'test_batch.bin')).toThrow(/test_batch\.bin, record 1/);
  });

  it('loads a directory of five training batches and a test batch, and names what is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-cifar-'));
    try {
      expect(() => loadCifar10(path.join(dir, 'absent'))).toThrow(
        /`directory` must be a directory holding the CIFAR-10 binary version/,
      );
      for (const [k, file] of CIFAR10_TRAIN_FILES.entries()) writeFileSync(path.join(dir, file), batch([k, k + 1]));
      expect(() => loadCifar10(dir)).toThrow(/test_batch\.bin/);
      writeFileSync(path.join(dir, CIFAR10_TEST_FILE), batch([5]));
      const { train, test } = loadCifar10(dir);
      expect(Array.from(train.labels)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
      expect([train.images.length, test.images.length, test.labels[0]]).toEqual([10, 1, 5]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks a directory without converting it: counts records, names a bad file and record', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-cifar-check-'));
    try {
      for (const file of CIFAR10_TRAIN_FILES) writeFileSync(path.join(dir, file), batch([1, 2, 3]));
      writeFileSync(path.join(dir, CIFAR10_TEST_FILE), batch([4, 5]));
      expect(checkCifar10Directory(dir)).toEqual({ train: 15, test: 2 });
      writeFileSync(path.join(dir, 'data_batch_3.bin'), batch([1, 10]));
      expect(() => checkCifar10Directory(dir)).toThrow(/data_batch_3\.bin, record 1.*a label 0…9/);
      writeFileSync(path.join(dir, 'data_batch_3.bin'), new Uint8Array(0));
      expect(() => checkCifar10Directory(dir)).toThrow(/data_batch_3\.bin.*whole number of 3073-byte records.*0 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
