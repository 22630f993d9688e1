import { spawnSync } from 'node:child_process'
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/**
 * The one way the gate runs git. git reads configuration, hooks and an
 * fsmonitor command from wherever it believes a repository is, so a folder
 * of the pull request that looks like one (HEAD, objects/, refs/, a config
 * with core.worktree and core.fsmonitor, or an ext:: remote) would run its
 * author's command if git were left to discover the repository from the
 * scan path. Instead the repository is found once, as the checkout root
 * that holds an entry named `.git` (a name git refuses to track, so no pull
 * request can plant one), and every invocation names it explicitly, with
 * repository-supplied programs and transports switched off and an
 * environment that carries nothing git would read as configuration.
 */

export interface GitCheckout {
  /** Real path of the checkout root: the top of the working tree. */
  readonly workTree: string
  /** Real path of its git directory (a gitfile is followed). */
  readonly gitDir: string
  /** The environment git runs with: no GIT_* variable is inherited. */
  readonly env: Readonly<Record<string, string>>
  /** Transports a fetch may use, from the URL of `origin`. */
  readonly transports: readonly string[]
}

export type CheckoutLookup = GitCheckout | { readonly error: string }

export type Env = Readonly<Record<string, string | undefined>>

export interface GitRun {
  readonly ok: boolean
  readonly status: number | null
  readonly stdout: Buffer
  /** The last line git wrote to stderr, or why it could not run. */
  readonly error: string
  /** Everything git wrote to stderr. */
  readonly stderr: string
}

export interface GitRunOptions {
  readonly input?: string | Buffer
  /** Variables added to the clean environment (the token's header). */
  readonly env?: Readonly<Record<string, string>>
  readonly timeout?: number
  readonly maxBuffer?: number
  /**
   * Read the machine's system and global configuration (proxies, CA
   * bundles, url rewrites of a self-hosted runner). Only the fetch needs
   * them; every local question runs with the repository's own
   * configuration and the command line's alone.
   */
  readonly machineConfig?: boolean
}

/** Variables of the caller's environment that git may see; GIT_* never. */
const PASSED_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'SystemRoot',
  'SYSTEMROOT',
  'ComSpec',
  'PATHEXT',
  'WINDIR',
  'XDG_CONFIG_HOME',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  'SSH_AUTH_SOCK',
] as const

const DEFAULT_MAX_OUTPUT = 1024 * 1024 * 1024

/**
 * The checkout whose root is `dir` itself: `dir/.git` must exist (the
 * Action's GITHUB_WORKSPACE, which actions/checkout clones into).
 */
export function checkoutAt(dir: string, env: Env): CheckoutLookup {
  let top: string
  try {
    top = realpathSync(dir)
  } catch {
    return { error: `${dir} does not exist` }
  }
  const gitDir = gitDirOf(top)
  if (gitDir === undefined)
    return { error: `${dir} is not the root of a git checkout (no .git)` }
  if ('error' in gitDir) return gitDir
  return checkout(top, gitDir.path, env)
}

/**
 * The checkout holding `dir`: the nearest directory at or above it with an
 * entry named `.git` (the CLI's working directory). Only that name counts:
 * a folder that merely looks like a repository is data.
 */
export function checkoutAbove(dir: string, env: Env): CheckoutLookup {
  let at: string
  try {
    at = realpathSync(dir)
  } catch {
    return { error: `${dir} does not exist` }
  }
  for (;;) {
    const gitDir = gitDirOf(at)
    if (gitDir !== undefined)
      return 'error' in gitDir ? gitDir : checkout(at, gitDir.path, env)
    const parent = dirname(at)
    if (parent === at)
      return {
        error: `${dir} is not in a git repository (no .git at or above it)`,
      }
    at = parent
  }
}

/**
 * The checkout holding `dir` inside `top` (the Action's workspace): `top`
 * itself when it is one (actions/checkout clones into the workspace);
 * else the nearest directory from `dir` up to `top` with an entry named
 * `.git`, so that a workflow that checks the repository out into a
 * subdirectory of the workspace still has its base compared. Nothing above
 * `top` is considered. The workspace's own repository comes first because
 * a pull request can turn the scanned directory into a submodule (checked
 * out with `submodules: true`): its `.git` would be nearer, lack the base
 * commit, and send the fetch to a remote the pull request chose.
 */
export function checkoutWithin(
  top: string,
  dir: string,
  env: Env,
): CheckoutLookup {
  let root: string
  let at: string
  try {
    root = realpathSync(top)
    at = realpathSync(dir)
  } catch {
    return { error: `${dir} does not exist` }
  }
  if (!isInsideDir(root, at)) return { error: `${dir} is outside ${top}` }
  const own = gitDirOf(root)
  if (own !== undefined)
    return 'error' in own ? own : checkout(root, own.path, env)
  for (;;) {
    const gitDir = gitDirOf(at)
    if (gitDir !== undefined)
      return 'error' in gitDir ? gitDir : checkout(at, gitDir.path, env)
    if (at === root) break
    at = dirname(at)
  }
  return { error: `${top} is not the root of a git checkout (no .git)` }
}

function isInsideDir(dir: string, path: string): boolean {
  const rel = relative(dir, path)
  return !rel.startsWith('..') && !isAbsolute(rel)
}

/**
 * Where `dir` lies in the checkout's working tree, `/`-separated ('' at the
 * top), by real path; undefined when it is outside.
 */
export function pathInCheckout(
  checkout: GitCheckout,
  dir: string,
): string | undefined {
  let real: string
  try {
    real = realpathSync(dir)
  } catch {
    return undefined
  }
  const rel = relative(checkout.workTree, real)
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined
  const prefix = rel.split(sep).join('/')
  // The git directory is git's, never part of what is scanned with it.
  if (prefix === '.git' || prefix.startsWith('.git/')) return undefined
  return prefix
}

/**
 * Runs git on the checkout: `--git-dir` and `--work-tree` given, the
 * checkout root as working directory, hardened configuration on the command
 * line (which git reads last, so it overrides the repository's), and a clean
 * environment. Arguments are never run through a shell.
 */
export function runGit(
  checkout: GitCheckout,
  args: readonly string[],
  options: GitRunOptions = {},
): GitRun {
  const result = spawnSync('git', [...globalArguments(checkout), ...args], {
    cwd: checkout.workTree,
    env: {
      ...checkout.env,
      ...(options.machineConfig
        ? {}
        : { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }),
      ...options.env,
    },
    input: options.input,
    maxBuffer: options.maxBuffer ?? DEFAULT_MAX_OUTPUT,
    timeout: options.timeout,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  })
  const stderr = result.stderr?.toString('utf8') ?? ''
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
  const ok = !result.error && result.status === 0
  return {
    ok,
    status: result.status,
    stdout: result.stdout ?? Buffer.alloc(0),
    stderr,
    error: ok
      ? ''
      : (result.error?.message ??
        lines.find((l) => /^(fatal|error):/.test(l)) ??
        lines.at(-1) ??
        `git ${args[0] ?? ''} exited with ${String(result.status)}`),
  }
}

/** The options every invocation starts with. */
export function globalArguments(checkout: GitCheckout): string[] {
  const config: string[] = [
    // Programs the repository's configuration could name.
    'core.fsmonitor=false',
    'core.hooksPath=/dev/null',
    'core.askPass=',
    // An empty value empties the list of helpers, url-specific ones too.
    'credential.helper=',
    'remote.origin.uploadpack=git-upload-pack',
    'remote.origin.receivepack=git-receive-pack',
    'fetch.recurseSubmodules=false',
    'submodule.recurse=false',
    'gc.auto=0',
    'maintenance.auto=false',
    // A bare-looking directory is never a repository unless named.
    'safe.bareRepository=explicit',
    // Transports: https and http, and what origin itself uses.
    'protocol.allow=never',
    'protocol.ext.allow=never',
    ...['https', 'http', 'ssh', 'file', 'git'].map(
      (name) =>
        `protocol.${name}.allow=${checkout.transports.includes(name) ? 'always' : 'never'}`,
    ),
  ]
  return [
    `--git-dir=${checkout.gitDir}`,
    `--work-tree=${checkout.workTree}`,
    '--literal-pathspecs',
    '--no-pager',
    ...config.flatMap((c) => ['-c', c]),
  ]
}

/** The environment git runs with, built from what the caller passes. */
export function gitEnvironment(env: Env): Record<string, string> {
  const clean: Record<string, string> = {}
  for (const name of PASSED_ENV) {
    const value = env[name]
    if (value !== undefined) clean[name] = value
  }
  return {
    ...clean,
    LC_ALL: 'C',
    // Never wait for a password prompt on a runner.
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
  }
}

/**
 * The git directory of a checkout root: `.git` as a directory, or a gitfile
 * (`gitdir: <path>`, written by `git worktree` and for submodules).
 */
function gitDirOf(
  top: string,
): { readonly path: string } | { readonly error: string } | undefined {
  const entry = join(top, '.git')
  let stat
  try {
    stat = lstatSync(entry)
  } catch {
    return undefined
  }
  if (stat.isDirectory()) return { path: entry }
  if (!stat.isFile())
    return { error: `${entry} is neither a directory nor a gitfile` }
  let text: string
  try {
    text = readFileSync(entry, 'utf8').slice(0, 4096)
  } catch {
    return { error: `${entry} cannot be read` }
  }
  const match = /^gitdir: *(.+?)\s*$/m.exec(text)
  if (!match?.[1]) return { error: `${entry} is not a gitfile` }
  const target = resolve(top, match[1])
  try {
    if (statSync(target).isDirectory()) return { path: realpathSync(target) }
  } catch {
    // reported below
  }
  return { error: `${entry} points to ${target}, which is not a directory` }
}

function checkout(top: string, gitDir: string, env: Env): GitCheckout {
  const partial: GitCheckout = {
    workTree: top,
    gitDir,
    env: gitEnvironment(env),
    transports: ['https', 'http'],
  }
  return { ...partial, transports: transportsOf(originUrl(partial)) }
}

/** The URL a fetch from origin goes to, after the configuration's rewrites. */
function originUrl(checkout: GitCheckout): string | undefined {
  // With the machine's configuration, as the fetch reads it: a global url
  // rewrite can change the transport.
  const result = runGit(checkout, ['ls-remote', '--get-url', 'origin'], {
    machineConfig: true,
  })
  const url = result.stdout.toString('utf8').trim()
  return result.ok && url !== '' && url !== 'origin' ? url : undefined
}

/**
 * https and http always; ssh, file or git only when origin, which the
 * workflow's checkout configured, is such a URL. ext:: and other remote
 * helpers never.
 */
export function transportsOf(url: string | undefined): string[] {
  const transports = ['https', 'http']
  if (url === undefined) return transports
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase()
  if (scheme === 'ssh' || scheme === 'git+ssh' || scheme === 'ssh+git')
    transports.push('ssh')
  else if (scheme === 'file') transports.push('file')
  else if (scheme === 'git') transports.push('git')
  else if (scheme === undefined && !url.includes('::')) {
    // scp-like `host:path` is ssh; a path without a colon is local.
    if (/^[^/]*:/.test(url)) transports.push('ssh')
    else transports.push('file')
  }
  return transports
}
