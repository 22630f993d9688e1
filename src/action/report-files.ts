import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigurationError, errorMessage } from '../core/errors.js'
import type { Report } from '../core/report/schema.js'
import { renderSarif } from '../core/render/sarif.js'

/**
 * The JSON report (always: its path is the `report` output) and the SARIF
 * file (when asked for), written before anything talks to GitHub.
 */
export interface ReportFiles {
  readonly json: string
  readonly sarif: string | undefined
}

export function writeReportFiles(
  report: Report,
  options: {
    readonly workspace: string
    readonly pathPrefix: string
    readonly jsonFile: string | undefined
    readonly sarifFile: string | undefined
    readonly env: NodeJS.ProcessEnv
  },
): ReportFiles {
  const step = (options.env.GITHUB_ACTION ?? '').replace(
    /[^A-Za-z0-9_.-]/g,
    '_',
  )
  const json = options.jsonFile
    ? resolve(options.workspace, options.jsonFile)
    : join(
        options.env.RUNNER_TEMP || tmpdir(),
        'aivss-gate',
        `report${step ? `-${step}` : ''}.json`,
      )
  write(json, `${JSON.stringify(report, null, 2)}\n`, 'json-file')
  let sarif: string | undefined
  if (options.sarifFile) {
    sarif = resolve(options.workspace, options.sarifFile)
    const log = renderSarif(report, {
      pathPrefix: options.pathPrefix,
      rootUri: pathToFileURL(join(options.workspace, '/')).href,
    })
    write(sarif, `${JSON.stringify(log, null, 2)}\n`, 'sarif-file')
  }
  return { json, sarif }
}

function write(path: string, text: string, input: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  } catch (error) {
    throw new ConfigurationError(
      `cannot write ${path}: ${errorMessage(error)}`,
      {
        help: `Give ${input} a path the job can write to.`,
      },
    )
  }
}
