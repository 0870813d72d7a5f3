// Every error this package throws is a CosPresignError with a stable `code`.
// Messages name the option at fault and never include its value, so a
// secret can never end up in an error message or a log line.

export class CosPresignError extends Error {
  constructor(code, message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.field !== undefined) this.field = details.field;
    if (details.index !== undefined) this.index = details.index;
  }

  // Names as string literals, not new.target.name: minifiers rename classes
  // in app bundles, and `name` must read the same everywhere.
  get name() {
    return 'CosPresignError';
  }
}

/** An option has the wrong type, is missing, or has a value that cannot be signed. */
export class InvalidArgumentError extends CosPresignError {
  get name() {
    return 'InvalidArgumentError';
  }
}

/** The WebAssembly module could not be loaded or instantiated. */
export class InitError extends CosPresignError {
  get name() {
    return 'InitError';
  }
}

export function invalid(code, field, message, index) {
  const where = index === undefined ? '' : ` (#${index})`;
  return new InvalidArgumentError(code, `cos-presign: ${field}${where} ${message}`, { field, index });
}

/** Credentials could not be obtained or are unusable (see `code`; `status` for HTTP errors). */
export class CredentialsError extends CosPresignError {
  constructor(code, message, details = {}) {
    super(code, message, details);
    if (details.status !== undefined) this.status = details.status;
  }

  get name() {
    return 'CredentialsError';
  }
}

/** A URL cannot be given the lifetime asked for (with `strictExpiry`), or no credentials are held yet. */
export class ExpiryError extends CosPresignError {
  get name() {
    return 'ExpiryError';
  }
}
