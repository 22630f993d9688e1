import * as core from '@actions/core'
import type { Logger } from '../core/logger.js'

/** The core's Logger, written to the workflow log. */
export function actionsLogger(): Logger {
  return {
    debug: (message) => core.debug(message),
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
  }
}
