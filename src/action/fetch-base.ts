import { runGit, type GitCheckout } from '../core/git/run-git.js'

/**
 * Fetching the base commit of a pull request when the clone lacks it
 * (actions/checkout fetches one commit by default): one commit, depth 1,
 * from `origin`. The credentials the checkout persisted are tried first;
 * then the token, passed to git through its environment (never the command
 * line, which other processes can read) and never written to the log. git
 * runs through the hardened runner: the workspace's own repository named
 * explicitly, no hooks, helpers or transports beyond origin's.
 */

export type FetchOutcome =
  { readonly ok: true } | { readonly ok: false; readonly reason: string }

export interface FetchOptions {
  /** The token to authenticate with when the persisted credentials fail. */
  readonly token?: string | undefined
  /** The GitHub server, whose URLs the header applies to. */
  readonly serverUrl: string
  /** Milliseconds each attempt may take. */
  readonly timeout?: number
}

const SAFE_REV = /^(?:[0-9a-f]{7,64}|[A-Za-z0-9_][A-Za-z0-9_./-]{0,249})$/

export function fetchCommit(
  repo: GitCheckout,
  rev: string,
  options: FetchOptions,
): FetchOutcome {
  if (!SAFE_REV.test(rev) || rev.includes('..'))
    return { ok: false, reason: `"${rev}" is not a ref git can fetch` }
  const args = [
    'fetch',
    '--no-tags',
    '--no-recurse-submodules',
    '--depth',
    '1',
    'origin',
    rev,
  ]
  const first = attempt(repo, args, {}, options.timeout)
  if (first.ok || !options.token) return first
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`
  const second = attempt(
    repo,
    args,
    {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${options.serverUrl.replace(/\/+$/, '')}/.extraheader`,
      GIT_CONFIG_VALUE_0: header,
    },
    options.timeout,
  )
  if (second.ok) return second
  return {
    ok: false,
    reason: redact(second.reason, [options.token, header]),
  }
}

function attempt(
  repo: GitCheckout,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeout = 120_000,
): FetchOutcome {
  // The runner's own system and global configuration (proxies, CA bundles)
  // apply to the fetch; the credentials the checkout persisted live in the
  // workspace repository's local configuration.
  const result = runGit(repo, args, { env, timeout, machineConfig: true })
  if (result.ok) return { ok: true }
  return { ok: false, reason: result.error.slice(0, 300) }
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets)
    if (secret.length > 0) out = out.split(secret).join('***')
  return out
}
