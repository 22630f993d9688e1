import { basename } from 'node:path'
import { runGit, type GitCheckout } from './run-git.js'

/**
 * Where a scanned checkout came from, for SARIF's versionControlProvenance:
 * the repository as an absolute URI without credentials, the commit and
 * the branch. The remote's URL is the checkout's own configuration, which
 * can carry a token (`https://x-access-token:…@github.com/…`): only the
 * host and path are kept. A checkout with no remote, or one that is a
 * path on this machine, is named by a URN of its directory's name, never
 * by an absolute path.
 */
export interface Provenance {
  readonly repositoryUri: string
  readonly revisionId?: string | undefined
  readonly branch?: string | undefined
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/

export function checkoutProvenance(
  checkout: GitCheckout,
  given: Partial<Provenance> = {},
): Provenance {
  const head = gitLine(checkout, ['rev-parse', '--verify', '-q', 'HEAD'])
  const branch = gitLine(checkout, ['symbolic-ref', '--short', '-q', 'HEAD'])
  const remote = gitLine(checkout, ['config', '--get', 'remote.origin.url'])
  return {
    repositoryUri:
      given.repositoryUri ??
      (remote !== undefined ? remoteUri(remote) : undefined) ??
      localUri(checkout.workTree),
    revisionId: head !== undefined && SHA.test(head) ? head : given.revisionId,
    branch: branchName(branch) ?? given.branch,
  }
}

/**
 * A remote URL as an https URI of its host and path: `git@host:o/r.git`
 * (scp-like), `ssh://git@host/o/r`, `git://host/o/r` and
 * `https://user:token@host/o/r.git` all become `https://host/o/r`. A
 * local path, a `file:` URL or anything unparsable gives undefined.
 */
export function remoteUri(remote: string): string | undefined {
  const text = remote.trim()
  const scp =
    /^(?:[^@/\s]+@)?(?<host>[A-Za-z0-9.-]+):(?!\/\/)(?<path>[^\s]+)$/.exec(
      text,
    )?.groups
  if (scp?.host && scp.path && !/^[A-Za-z]:[\\/]/.test(text))
    return httpsUri(scp.host, `/${scp.path.replace(/^\/+/, '')}`)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:'].includes(url.protocol))
    return undefined
  if (!url.hostname) return undefined
  // An ssh or git port is not the web server's; only an http(s) port is kept.
  const port = url.protocol.startsWith('http') ? url.port : ''
  return httpsUri(url.hostname, url.pathname, port)
}

function httpsUri(host: string, path: string, port = ''): string | undefined {
  if (!/^[A-Za-z0-9.-]+$/.test(host)) return undefined
  const clean = path
    .replace(/\.git\/?$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .map((part) => encodeURIComponent(decodeSafely(part)))
    .join('/')
  return `https://${host.toLowerCase()}${port ? `:${port}` : ''}${clean}`
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** A checkout with no usable remote: a URN of its directory's name only. */
function localUri(workTree: string): string {
  const name = basename(workTree).replace(/[^A-Za-z0-9._-]/g, '-') || 'checkout'
  return `urn:aivss-gate:local-repository:${name}`
}

/** A branch name as git and GitHub write it, or undefined for anything else. */
export function branchName(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w./-]{1,250}$/.test(value)
    ? value
    : undefined
}

function gitLine(
  checkout: GitCheckout,
  args: readonly string[],
): string | undefined {
  const run = runGit(checkout, args, { timeout: 10_000 })
  if (!run.ok) return undefined
  const line = run.stdout.toString('utf8').split('\n')[0]?.trim()
  return line ? line : undefined
}
