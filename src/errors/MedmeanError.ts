/**
 * The one error type that medmean's public functions throw for bad input.
 *
 * The message follows one format, so that users and tests can rely on it:
 *   "<api>: invalid argument. `<parameter>` must be <expectation>. Value: `<value>`."
 */
export class MedmeanError extends Error {
  override readonly name = 'MedmeanError';
  /** The public function or CLI command that rejected the input. */
  readonly api: string;
  /** The parameter (or flag) that was wrong. */
  readonly parameter: string;
  /** A printable rendering of the offending value. */
  readonly value: string;

  constructor(api: string, parameter: string, expectation: string, value: unknown) {
    const shown = describeValue(value);
    super(`${api}: invalid argument. \`${parameter}\` must be ${expectation}. Value: \`${shown}\`.`);
    this.api = api;
    this.parameter = parameter;
    this.value = shown;
  }
}

/**
 * Renders a value for an error message without throwing and without flooding the terminal. A
 * hostile value (a `toString` that is not a function, a throwing getter, a revoked proxy) is
 * named by its type instead: the error path must never throw an error of its own.
 */
export function describeValue(value: unknown): string {
  try {
    return renderValue(value);
  } catch {
    return `(${typeof value} that cannot be printed)`;
  }
}

function renderValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}...` : value;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'symbol') return String(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const head = items.slice(0, 6).map((v) => describeValue(v));
    return `[${head.join(', ')}${items.length > 6 ? `, ... (${items.length} items)` : ''}]`;
  }
  if (typeof value === 'function') return 'function';
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return renderValue(json);
  } catch {
    // Cyclic or with a throwing toJSON: fall through to the tag.
  }
  return Object.prototype.toString.call(value);
}
