import * as core from '@actions/core'
import type { Logger } from '../core/logger.js'
import { logText } from '../core/render/escape.js'

/**
 * The core's Logger, written to the workflow log. `core.info` writes its
 * text as it is, and the runner reads workflow commands from every line,
 * so info lines pass through logText; debug and warning are commands whose
 * data @actions/core escapes already.
 */
export function actionsLogger(): Logger {
  return {
    debug: (message) => core.debug(message),
    info: (message) => core.info(logText(message)),
    warning: (message) => core.warning(message),
  }
}
