/**
 * The core logs through this interface so that the CLI can write to stderr and
 * the Action to the workflow log without the core importing either.
 */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
}
