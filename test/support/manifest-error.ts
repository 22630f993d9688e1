import { ManifestError } from '../../src/core/errors.js'

/**
 * The ManifestError a reader throws: readers report a file they cannot read
 * only this way, so anything else thrown (or nothing) fails the test.
 */
export function manifestError(fn: () => unknown): ManifestError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ManifestError) return error
    throw error
  }
  throw new Error('expected a ManifestError')
}
