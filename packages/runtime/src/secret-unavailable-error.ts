/**
 * A Secrets Store binding could not be read. The message names the binding only: the store's own
 * error is deliberately not kept, so nothing that could echo a value travels with this error.
 */
export class SecretUnavailableError extends Error {
  override readonly name = "SecretUnavailableError";
  readonly binding: string;

  constructor(binding: string) {
    super(`Secrets Store binding ${binding} could not be read`);
    this.binding = binding;
  }
}
