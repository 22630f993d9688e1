import { realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { GateError, UsageError } from '../core/errors.js'
import { isInside, writeConfined } from '../core/fs/write-confined.js'
import {
  checkoutAbove,
  pathInCheckout,
  type CheckoutLookup,
  type Env,
} from '../core/git/run-git.js'
import { checkoutProvenance } from '../core/git/provenance.js'
import { trackedListing } from '../core/git/tracked.js'
import type { Logger } from '../core/logger.js'
import { loadPolicy } from '../core/policy/load.js'
import { describePolicy } from '../core/policy/describe.js'
import { logText } from '../core/render/escape.js'
import { renderExplain } from '../core/render/explain.js'
import { jsonReportChunks } from '../core/render/json.js'
import { renderComment } from '../core/render/comment.js'
import { renderCycloneDx } from '../core/render/cyclonedx.js'
import { renderMarkdown } from '../core/render/markdown.js'
import { renderSarif } from '../core/render/sarif.js'
import { renderText } from '../core/render/text.js'
import {
  baselineFileText,
  DEFAULT_BASELINE_FILE,
} from '../core/diff/baseline-file.js'
import type { CompareWith } from '../core/diff/comparison.js'
import { resolveCommit } from '../core/diff/git-base.js'
import { snapshotOf } from '../core/diff/snapshot.js'
import { runGate, type GateOptions } from '../core/gate.js'
import type { Report } from '../core/report/schema.js'
import { VERSION } from '../core/version.js'
import {
  HELP,
  parseCli,
  type BaselineWriteArgs,
  type PolicyCheckArgs,
  type ScanArgs,
} from './args.js'

export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
  /** Today's date (YYYY-MM-DD), for policy exceptions; defaults to the clock. */
  readonly today?: string
  /** The environment git is started from (only PATH, HOME and a few pass). */
  readonly env?: Env
}

export const EXIT_OK = 0
export const EXIT_POLICY_FAILED = 1
export const EXIT_USAGE = 2

/** Runs the CLI; returns the exit code instead of exiting, for tests. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseCli(argv)
    switch (args.command) {
      case 'help':
        io.stdout(HELP)
        return EXIT_OK
      case 'version':
        io.stdout(`${VERSION}\n`)
        return EXIT_OK
      case 'policy-check':
        return runPolicyCheck(args, io)
      case 'scan':
        return runScan(args, io)
      case 'baseline-write':
        return runBaselineWrite(args, io)
    }
  } catch (error) {
    if (error instanceof GateError) {
      io.stderr(`aivss-gate: ${logText(error.message)}\n`)
      if (error.help) io.stderr(`  ${logText(error.help)}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}

function runPolicyCheck(args: PolicyCheckArgs, io: CliIo): number {
  const policy = loadPolicy(args.policy, io.cwd)
  io.stdout(describePolicy(policy))
  return EXIT_OK
}

/**
 * The git checkout DIR belongs to, found once per run: the one the working
 * directory is in, when it holds DIR; else the nearest directory above DIR
 * with an entry named `.git`. Only that name makes a repository (git
 * refuses to check out a path with a `.git` component, so no pull request
 * can plant one); a folder of DIR that merely looks like a repository is
 * data, and git is never asked to discover one.
 */
interface Checkout {
  readonly lookup: CheckoutLookup
  /** DIR inside its working tree; undefined when DIR is outside. */
  readonly prefix: string | undefined
}

function findCheckout(io: CliIo, root: string): Checkout {
  const env = io.env ?? process.env
  const here = checkoutAbove(io.cwd, env)
  const prefix = 'error' in here ? undefined : pathInCheckout(here, root)
  if (prefix !== undefined) return { lookup: here, prefix }
  const above = checkoutAbove(root, env)
  if ('error' in above)
    return { lookup: 'error' in here ? above : here, prefix }
  return { lookup: above, prefix: pathInCheckout(above, root) }
}

/** DIR, by real path: what is scanned is where the path leads. */
function scanDirectory(args: ScanArgs | BaselineWriteArgs, io: CliIo): string {
  let root = resolve(io.cwd, args.dir)
  let isDirectory = false
  try {
    root = realpathSync(root)
    isDirectory = statSync(root).isDirectory()
  } catch {
    // reported below
  }
  if (!isDirectory) throw new UsageError(`${args.dir} is not a directory`)
  // DIR committed as a link into a git directory would scan git's files
  // instead of the tree and leave no base to compare with.
  if (root.split(sep).includes('.git'))
    throw new UsageError(`${args.dir} is inside a git directory (.git)`, {
      help: 'Give a directory of the working tree, not a link into .git.',
    })
  return root
}

/** The gate's options from the scan flags both commands share. */
function gateOptions(
  args: ScanArgs | BaselineWriteArgs,
  io: CliIo,
  root: string,
  checkout: Checkout,
): GateOptions {
  const logger: Logger = {
    debug: (m) => (args.verbose ? io.stderr(`${logText(m)}\n`) : undefined),
    info: (m) => (args.verbose ? io.stderr(`${logText(m)}\n`) : undefined),
    warning: (m) => io.stderr(`warning: ${logText(m)}\n`),
  }
  return {
    root,
    cwd: io.cwd,
    policy: args.policy,
    trust: { workspace: cliWorkspace(io.cwd, root) },
    aivssVersion: args.aivssVersion,
    threatMultiplier: args.threatMultiplier,
    factorScale: args.factorScale,
    include: args.include,
    exclude: args.exclude,
    ...trackedOptions(args, checkout),
    maxFileSize: args.maxFileSize,
    warnOnly: args.warnOnly,
    today: io.today ?? new Date().toISOString().slice(0, 10),
    logger,
  }
}

/**
 * .gitignore applies to untracked files only: what is committed is seen.
 * Judging a change (`--base`), a submodule under DIR turns .gitignore off
 * as in the Action: its files are tracked by a repository the pull request
 * can choose, so this checkout cannot vouch for them.
 */
function trackedOptions(
  args: ScanArgs | BaselineWriteArgs,
  checkout: Checkout,
): Pick<GateOptions, 'gitignore' | 'tracked'> {
  const listing =
    args.gitignore &&
    !('error' in checkout.lookup) &&
    checkout.prefix !== undefined
      ? trackedListing(checkout.lookup, checkout.prefix)
      : undefined
  const judging = 'base' in args && args.base !== undefined
  return {
    gitignore: args.gitignore && !(judging && listing?.submodules === true),
    tracked: listing?.files,
  }
}

/**
 * What the CLI confines the repository's configuration to: the current
 * directory (where CI runs it, at the checkout's top), or the scanned
 * directory when that is not inside it.
 */
function cliWorkspace(cwd: string, root: string): string {
  const rel = relative(cwd, root)
  return rel.startsWith('..') || isAbsolute(rel) ? root : cwd
}

function runScan(args: ScanArgs, io: CliIo): number {
  const root = scanDirectory(args, io)
  const checkout = findCheckout(io, root)
  const options = gateOptions(args, io, root, checkout)
  const compare = compareWith(args, io.cwd, checkout)
  const { result, evaluation, report } = runGate({
    ...options,
    compare,
    // With --base, the base commit's configuration judges (see trust.ts).
    trust: {
      workspace: cliWorkspace(io.cwd, root),
      base:
        compare?.kind === 'git'
          ? { repo: compare.repo, sha: compare.sha }
          : undefined,
      from: args.policyFrom,
    },
  })
  if (args.explain) io.stderr(renderExplain(result))
  const chunks: Iterable<string> =
    args.format === 'json'
      ? jsonReportChunks(report)
      : [
          args.format === 'markdown'
            ? renderMarkdown(report)
            : args.format === 'comment'
              ? renderComment(report, {
                  today: io.today ?? new Date().toISOString().slice(0, 10),
                }).body
              : args.format === 'sarif'
                ? sarifDocument(report, io.cwd, root, checkout)
                : args.format === 'cyclonedx'
                  ? renderCycloneDx(
                      report,
                      result.assessments.map((a) => a.profile),
                      {
                        pathPrefix: reportPrefix(io.cwd, root, checkout),
                        timestamp: new Date(),
                      },
                    )
                  : renderText(report),
        ]
  if (args.output) {
    writeOutput(
      resolve(io.cwd, args.output),
      `--output ${args.output}`,
      [root, checkout],
      chunks,
    )
    io.stderr(
      `aivss-gate: wrote the ${args.format} report of ${report.summary.agents} agents to ${args.output}; policy ${evaluation.result}\n`,
    )
  } else {
    for (const chunk of chunks) io.stdout(chunk)
  }
  return evaluation.result === 'fail' && !args.warnOnly
    ? EXIT_POLICY_FAILED
    : EXIT_OK
}

/**
 * --base: a commit of the repository the CLI runs in, which must hold DIR;
 * --baseline: a file.
 */
function compareWith(
  args: ScanArgs,
  cwd: string,
  checkout: Checkout,
): CompareWith | undefined {
  if (args.baseline !== undefined)
    return {
      kind: 'file',
      path: resolve(cwd, args.baseline),
      label: args.baseline,
    }
  if (args.base === undefined) return undefined
  const repo = checkout.lookup
  if ('error' in repo)
    throw new UsageError(`--base ${args.base}: ${repo.error}`, {
      help: 'Run the CLI inside the git working tree that holds DIR.',
    })
  if (checkout.prefix === undefined)
    throw new UsageError(
      `--base ${args.base}: ${args.dir} is not in a git repository (not inside ${repo.workTree}, and no .git above it)`,
      {
        help: 'Run the CLI inside the git working tree that holds DIR (cd into it first).',
      },
    )
  const sha = resolveCommit(repo, args.base)
  if (!sha)
    throw new UsageError(
      `--base ${args.base}: no such commit in ${repo.workTree}`,
      {
        help: 'Give a branch, tag or commit the clone has; fetch it first (git fetch origin <ref>) if it does not.',
      },
    )
  return {
    kind: 'git',
    repo,
    sha,
    ref: args.base === sha ? undefined : args.base,
    prefix: checkout.prefix,
  }
}

/**
 * `baseline write`: the scan's results, recorded for later comparisons, in
 * DIR/.github/aivss-baseline.json unless --output says otherwise.
 */
function runBaselineWrite(args: BaselineWriteArgs, io: CliIo): number {
  const root = scanDirectory(args, io)
  const checkout = findCheckout(io, root)
  const { result, settings } = runGate(gateOptions(args, io, root, checkout))
  if (args.explain) io.stderr(renderExplain(result))
  const text = baselineFileText(result.assessments.map(snapshotOf), settings)
  if (args.output === '-') {
    io.stdout(text)
    return EXIT_OK
  }
  const target = args.output
    ? resolve(io.cwd, args.output)
    : join(root, DEFAULT_BASELINE_FILE)
  writeOutput(
    target,
    args.output ? `--output ${args.output}` : DEFAULT_BASELINE_FILE,
    [root, checkout],
    text,
  )
  const count = result.assessments.length
  io.stderr(
    `aivss-gate: recorded ${count} agent${count === 1 ? '' : 's'} in ${relative(io.cwd, target) || target}\n`,
  )
  return EXIT_OK
}

/**
 * Writes an output the user named. Inside the scanned directory or the
 * checkout (trees a pull request writes) no component may be a link; a path
 * elsewhere is the user's own, and only its file is checked.
 */
function writeOutput(
  path: string,
  label: string,
  [root, checkout]: readonly [string, Checkout],
  content: string | Iterable<string>,
): void {
  const trees = [root]
  if (!('error' in checkout.lookup)) trees.push(checkout.lookup.workTree)
  const entered = whereTreeEntered(path, trees)
  writeConfined(
    {
      path: entered?.path ?? path,
      anchor: entered?.anchor ?? dirname(path),
      confine: false,
      label,
      help: 'Give an output path that is not a link and whose directories are not links.',
    },
    content,
  )
}

/**
 * Where the path to an output enters one of the trees a pull request
 * writes, by real path: the first directory on the way (from the top) that
 * is, or lies inside, a tree becomes the anchor, below which writeConfined
 * follows no link. Comparing the path as given is not enough: DIR reached
 * through a link (`scan ~/link-to-repo -o ~/link-to-repo/reports/x.json`,
 * or a temporary directory that is itself a link) makes the output look
 * outside the tree, and `reports/` committed as a link would be followed.
 * Undefined when the path never enters a tree (the user's own directory).
 */
function whereTreeEntered(
  path: string,
  trees: readonly string[],
): { readonly anchor: string; readonly path: string } | undefined {
  const parts = path.split(sep).filter((part) => part !== '')
  let prefix = isAbsolute(path) ? sep : ''
  for (let i = 0; i < parts.length - 1; i++) {
    prefix = join(prefix, parts[i] as string)
    let real: string
    try {
      real = realpathSync(prefix)
    } catch {
      return undefined
    }
    const tree = trees.find((t) => isInside(t, real))
    if (tree !== undefined)
      return { anchor: real, path: join(real, ...parts.slice(i + 1)) }
  }
  return undefined
}

/**
 * SARIF for code scanning, with the checkout's provenance when DIR is in
 * one (see reportPrefix for its paths).
 */
function sarifDocument(
  report: Report,
  given: string,
  root: string,
  checkout: Checkout,
): string {
  const inCheckout =
    checkout.prefix !== undefined && !('error' in checkout.lookup)
      ? checkout.lookup
      : undefined
  const sarif = renderSarif(report, {
    pathPrefix: reportPrefix(given, root, checkout),
    versionControl: inCheckout ? checkoutProvenance(inCheckout) : undefined,
    localRoot: inCheckout?.workTree ?? given,
  })
  return `${JSON.stringify(sarif, null, 2)}\n`
}

/**
 * Where SARIF and the AI-BOM put DIR's files: relative to the root of the
 * git checkout holding DIR (where code scanning expects them, and what
 * versionControlProvenance names); outside a checkout, to the directory
 * the CLI runs in when DIR is inside it, else to DIR.
 */
function reportPrefix(given: string, root: string, checkout: Checkout): string {
  if (checkout.prefix !== undefined && !('error' in checkout.lookup))
    return checkout.prefix
  // DIR is a real path; the working directory is compared as one too.
  let cwd = given
  try {
    cwd = realpathSync(given)
  } catch {
    // compared as given
  }
  const rel = relative(cwd, root)
  const inside = !rel.startsWith('..') && !isAbsolute(rel)
  return inside ? rel.split(sep).join('/') : ''
}
