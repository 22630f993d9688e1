/**
 * One error family for everything a user can cause, so the CLI and the Action
 * can tell "fix your input" (exit 2, a clear message) from a bug (a stack trace).
 */
export class GateError extends Error {
  /** What the user should do about it, printed after the message. */
  readonly help: string | undefined

  constructor(
    message: string,
    options: { help?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.help = options.help
  }
}

/** The command line was wrong: unknown flag, missing argument, bad value. */
export class UsageError extends GateError {}

/** A configuration file or input (policy, action input) is invalid. */
export class ConfigurationError extends GateError {}

export interface SourcePosition {
  readonly file: string
  readonly line?: number | undefined
  readonly column?: number | undefined
}

/** A manifest could not be read or does not follow its format. */
export class ManifestError extends GateError {
  readonly position: SourcePosition
  readonly field: string | undefined

  constructor(
    message: string,
    position: SourcePosition,
    options: { field?: string; help?: string; cause?: unknown } = {},
  ) {
    super(message, options)
    this.position = position
    this.field = options.field
  }
}

/** Renders anything thrown as one line, including values that are not Errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}
