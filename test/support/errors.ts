import { ManifestError } from '../../src/core/errors.js'

/** The ManifestError a call throws; anything else thrown, or nothing, fails. */
export function manifestError(fn: () => unknown): ManifestError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ManifestError) return error
    throw error
  }
  throw new Error('expected a ManifestError')
}
