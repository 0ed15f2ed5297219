// The main-thread half of workerHost.mjs's error transport: a typed error thrown in a worker
// arrives as data and is rebuilt as an instance of its class, so that `instanceof` (and with it
// the CLI's exit codes) works as it does for work on the calling thread.
import { MedmeanError } from '../errors/MedmeanError.ts';
import { MissingOptionalDependencyError } from '../package/optionalDependency.ts';

const CLASSES: Record<string, { prototype: Error }> = {
  MedmeanError,
  MissingOptionalDependencyError,
};

interface Transported {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly fields: Record<string, unknown>;
}

/** The error a task failed with: rebuilt when it crossed the thread boundary as data, else as is. */
export function rebuildTransportedError(reason: unknown): unknown {
  const transported = (reason as { transportedError?: Transported } | null)?.transportedError;
  const prototype = transported === undefined ? undefined : CLASSES[transported.name]?.prototype;
  if (transported === undefined || prototype === undefined) return reason;
  return Object.assign(Object.create(prototype) as Error, transported.fields, {
    message: transported.message,
    stack: transported.stack,
  });
}
