import * as core from '@actions/core'
import { realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { ConfigurationError, GateError, errorMessage } from '../core/errors.js'
import { checkoutWithin, pathInCheckout } from '../core/git/run-git.js'
import { trackedListing } from '../core/git/tracked.js'
import { runGate } from '../core/gate.js'
import { touchesAgents } from '../core/render/change-comment.js'
import { renderComment, renderQuietBody } from '../core/render/comment.js'
import type { ReportLinks } from '../core/render/compact.js'
import { inertText, logText, mdText } from '../core/render/escape.js'
import { renderJobSummary } from '../core/render/summary.js'
import { policyNotice } from '../core/render/verdict.js'
import type { Report } from '../core/report/schema.js'
import { emitAnnotations } from './annotations.js'
import { comparisonTarget } from './base.js'
import { policyTrust } from './trusted-base.js'
import { syncComment, tokenAccount } from './comment.js'
import {
  blobBase,
  readTarget,
  runProvenance,
  type RunTarget,
} from './context.js'
import { readInputs, type Inputs } from './inputs.js'
import { actionsLogger } from './logger.js'
import { setCommentUrl, setGateOutputs } from './outputs.js'
import { writeReportFiles } from './report-files.js'
import { writeSummary } from './summary.js'

/**
 * The Action: inputs → gate (policy, scan, judgement, report) → report
 * files, outputs, annotations, pull request comment, job summary → verdict.
 * Only a failing policy (without warn-only) or a configuration error fails
 * the step; GitHub being unreachable or read-only is a warning.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let summary: string | undefined
  try {
    const inputs = readInputs()
    const target = readTarget(env)
    const { root, pathPrefix } = scanRoot(target.workspace, inputs.path)
    core.info(`aivss-gate: scanning ${inputs.path}`)
    const logger = actionsLogger()
    // Masked before anything (a fetch of the base) could echo it.
    if (inputs['github-token']) core.setSecret(inputs['github-token'])
    // The workspace's own repository, found once by its `.git` entry: git
    // never runs on a repository it would discover from the scan path.
    const checkout = checkoutWithin(target.workspace, root, env)
    const compare = comparisonTarget(inputs, target, root, checkout)
    const prefix =
      'error' in checkout ? undefined : pathInCheckout(checkout, root)
    const listing =
      'error' in checkout || prefix === undefined
        ? undefined
        : trackedListing(checkout, prefix)
    // .gitignore hides only what git does not track. When git cannot say
    // (no checkout: a downloaded tree; a submodule, whose files another
    // repository tracks), every file there came with a commit, so a
    // .gitignore of the pull request hides nothing.
    const vouched = listing !== undefined && !listing.submodules
    if (!vouched)
      core.info(
        'aivss-gate: git cannot list every tracked file here (no checkout, or a submodule), so .gitignore files are not honoured: every file is considered.',
      )
    const { report, evaluation, result } = runGate({
      root,
      tracked: listing?.files,
      ...(vouched ? {} : { gitignore: false }),
      cwd: target.workspace,
      policy: inputs.policy,
      policyRoot: target.workspace,
      trust: policyTrust(inputs, target, compare, checkout),
      aivssVersion: inputs['aivss-version'],
      include: inputs.include,
      exclude: inputs.exclude,
      warnOnly: inputs['warn-only'],
      today: new Date().toISOString().slice(0, 10),
      logger,
      compare,
    })
    if (report.delta?.available)
      core.info(
        logText(`aivss-gate: against the base, ${report.delta.summary}`),
      )
    const notice =
      report.policy?.pending &&
      policyNotice(
        report.policy,
        (t) => inertText(t, 160),
        (t) => inertText(t, 400),
      )
    if (notice) core.warning(`aivss-gate: ${notice}`)
    const files = writeReportFiles(report, {
      workspace: target.workspace,
      pathPrefix,
      jsonFile: inputs['json-file'],
      sarifFile: inputs['sarif-file'],
      cyclonedxFile: inputs['cyclonedx-file'],
      profiles: result.assessments.map((a) => a.profile),
      // Three git calls, only for the SARIF file that carries them.
      versionControl: inputs['sarif-file']
        ? runProvenance(target, checkout, env)
        : undefined,
      env,
    })
    setGateOutputs(report, files.json)
    emitAnnotations(report, pathPrefix)
    const links: ReportLinks = {
      blobBase: blobBase(target),
      pathPrefix,
      fullReportUrl: target.runUrl,
    }
    summary = renderJobSummary(report, { links })
    setCommentUrl(await comment(inputs, target, report, links))
    const failed = evaluation.result === 'fail'
    if (failed && !inputs['warn-only'])
      core.setFailed(`aivss-gate: ${failureLine(report)}`)
    else if (failed)
      core.warning(
        `aivss-gate: ${failureLine(report)} (warn-only: the step passes)`,
      )
    else core.info(`aivss-gate: policy ${evaluation.result}`)
  } catch (error) {
    const message = failureText(error)
    core.setFailed(message)
    summary ??= [
      '## ❌ aivss-gate did not run',
      '',
      ...message.split('\n').map((line) => `- ${mdText(line, 500)}`),
      '',
    ].join('\n')
  } finally {
    if (summary !== undefined) await writeSummary(summary)
  }
}

/**
 * The directory to scan: `path` under the workspace, by real path, never
 * outside it. A `path` committed as a symbolic link out of the workspace is
 * an error, not a directory to walk.
 */
function scanRoot(
  workspace: string,
  path: string,
): { root: string; pathPrefix: string } {
  const outside = (): ConfigurationError =>
    new ConfigurationError(`input path: ${path} is outside the workspace`, {
      help: 'Give a directory inside the checkout, relative to the workspace (not a link out of it).',
    })
  const given = resolve(workspace, path)
  const lexical = relative(workspace, given)
  if (lexical.startsWith('..') || isAbsolute(lexical)) throw outside()
  let root: string
  let top: string
  let directory = false
  try {
    top = realpathSync(workspace)
    root = realpathSync(given)
    directory = statSync(root).isDirectory()
  } catch {
    root = given
    top = workspace
  }
  if (!directory)
    throw new ConfigurationError(
      `input path: ${path} is not a directory in the workspace`,
      {
        help: 'Check out the repository first (actions/checkout) and give a directory in it.',
      },
    )
  const rel = relative(top, root)
  if (rel.startsWith('..') || isAbsolute(rel)) throw outside()
  // A scan path committed as a link into the git directory would scan
  // git's files instead of the tree and leave no base to compare with.
  if (rel.split(sep).includes('.git'))
    throw new ConfigurationError(
      `input path: ${path} is inside a git directory (.git)`,
      {
        help: 'Give a directory of the checkout, not a link into .git.',
      },
    )
  return { root, pathPrefix: rel.split(sep).join('/') }
}

/** Posts, updates, keeps or deletes the comment; returns its URL. Never throws. */
async function comment(
  inputs: Inputs,
  target: RunTarget,
  report: Report,
  links: ReportLinks,
): Promise<string | undefined> {
  if (inputs.comment === 'never') return undefined
  const pr = target.pullRequest
  if (!pr) {
    core.info(
      `No pull request in this ${target.eventName || 'run'} event: no comment.`,
    )
    return undefined
  }
  const token = inputs['github-token']
  if (!token) {
    core.warning('aivss-gate: no github-token, so no pull request comment.')
    return undefined
  }
  core.setSecret(token)
  // The whole body exists before the first request, so a failure can never
  // leave half a comment behind.
  const rendered = renderComment(report, {
    links,
    today: new Date().toISOString().slice(0, 10),
  })
  const logger = actionsLogger()
  // The GitHub client is evaluated only when there is a comment to write,
  // which keeps the cold start of every other run short. "eager" keeps it
  // inside dist/index.js rather than in a chunk of its own.
  const { commentsApi, createOctokit } = await import(
    /* webpackMode: "eager" */ './octokit.js'
  )
  const octokit = createOctokit({ token, baseUrl: target.apiUrl, logger })
  const outcome = await syncComment(
    commentsApi(octokit, {
      owner: target.owner,
      repo: target.repo,
      number: pr.number,
    }),
    {
      mode: inputs.comment,
      failed: report.policy?.result === 'fail',
      comment: rendered,
      quiet:
        touchesAgents(report.delta) || report.delta?.available !== true
          ? undefined
          : renderQuietBody(report),
      author: inputs['comment-author'] ?? tokenAccount(token),
    },
    logger,
  )
  return 'url' in outcome ? outcome.url : undefined
}

function failureLine(report: Report): string {
  const violations =
    report.policy?.violations.filter((v) => v.action === 'fail') ?? []
  const first = violations
    .slice(0, 3)
    .map((v) => `${v.rule} on ${inertText(v.agent ?? v.file, 80)}`)
    .join('; ')
  return `policy failed: ${violations.length} failing finding${violations.length === 1 ? '' : 's'} (${first}${violations.length > 3 ? '; ...' : ''})`
}

/** A configuration error says what to fix; anything else is a bug, with its stack in the debug log. */
function failureText(error: unknown): string {
  if (error instanceof GateError)
    return `aivss-gate: ${error.message}${error.help ? `\n${error.help}` : ''}`
  if (error instanceof Error && error.stack) core.debug(error.stack)
  return `aivss-gate failed unexpectedly: ${errorMessage(error)}`
}
