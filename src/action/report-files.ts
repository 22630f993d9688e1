import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeConfined } from '../core/fs/write-confined.js'
import type { Report } from '../core/report/schema.js'
import { renderSarif } from '../core/render/sarif.js'

/**
 * The JSON report (always: its path is the `report` output) and the SARIF
 * file (when asked for), written before anything talks to GitHub. Files the
 * inputs name stay inside the workspace and are never written through a
 * link (a pull request can commit `aivss-gate.sarif` as one); the default
 * report goes to the runner's temporary directory, also without following
 * links.
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
  const temp = options.env.RUNNER_TEMP || tmpdir()
  const json = options.jsonFile
    ? resolve(options.workspace, options.jsonFile)
    : join(temp, 'aivss-gate', `report${step ? `-${step}` : ''}.json`)
  writeConfined(
    {
      path: json,
      anchor: options.jsonFile ? options.workspace : temp,
      confine: true,
      label: options.jsonFile ? `json-file ${options.jsonFile}` : 'the report',
      help: 'Give json-file a path inside the workspace that is not a link.',
    },
    `${JSON.stringify(report, null, 2)}\n`,
  )
  let sarif: string | undefined
  if (options.sarifFile) {
    sarif = resolve(options.workspace, options.sarifFile)
    const log = renderSarif(report, {
      pathPrefix: options.pathPrefix,
      rootUri: pathToFileURL(join(options.workspace, '/')).href,
    })
    writeConfined(
      {
        path: sarif,
        anchor: options.workspace,
        confine: true,
        label: `sarif-file ${options.sarifFile}`,
        help: 'Give sarif-file a path inside the workspace that is not a link.',
      },
      `${JSON.stringify(log, null, 2)}\n`,
    )
  }
  return { json, sarif }
}
