import { errorMessage, ManifestError } from './errors.js'

/**
 * Something the report must say about a file: it could not be read, does not
 * follow its format, or was skipped. Problems never stop a run; the file they
 * name is left out (or partly read) and every other file is still reported.
 */
export interface Problem {
  readonly file: string
  readonly line?: number | undefined
  readonly column?: number | undefined
  /** Dotted path of the offending field, when there is one. */
  readonly field?: string | undefined
  readonly message: string
  /** What to do about it. */
  readonly help?: string | undefined
  readonly level: 'error' | 'warning'
  /**
   * Set when the file is an unreadable manifest: `claimed` when a format
   * claims its path (or recognised its content) and it could not be read
   * into agents; `possible` when only its generic name suits a format, so it
   * counts only where the base held agents in it. `manifest-errors` counts
   * these whatever their level.
   */
  readonly unreadable?: UnreadableKind | undefined
}

export type UnreadableKind = 'claimed' | 'possible'

export function problemFrom(error: unknown, file: string): Problem {
  if (error instanceof ManifestError) {
    return {
      file: error.position.file,
      line: error.position.line,
      column: error.position.column,
      field: error.field,
      message: error.message,
      help: error.help,
      level: 'error',
    }
  }
  return {
    file,
    message: `could not be read: ${errorMessage(error)}`,
    level: 'error',
  }
}

/** `a.b[2].c` from a data path, for messages that name a field. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += text ? `.${String(segment)}` : String(segment)
  }
  return text
}
