import * as core from '@actions/core'
import { errorMessage } from '../core/errors.js'
import { SUMMARY_LIMIT } from '../core/render/summary.js'

/**
 * Appends markdown to the step's job summary. Never throws: a summary that
 * cannot be written is a warning, and outside Actions (no
 * GITHUB_STEP_SUMMARY) there is nothing to write to.
 */
export async function writeSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info(
      'No GITHUB_STEP_SUMMARY: not running in GitHub Actions, so no job summary.',
    )
    return false
  }
  const size = Buffer.byteLength(markdown, 'utf8')
  if (size > SUMMARY_LIMIT) {
    // The renderer keeps within the limit; this only guards against a bug.
    core.warning(
      `The job summary (${size} bytes) is over GitHub's 1 MiB limit; it is left out.`,
    )
    return false
  }
  try {
    await core.summary.addRaw(markdown, true).write()
    return true
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
    return false
  } finally {
    core.summary.emptyBuffer()
  }
}
