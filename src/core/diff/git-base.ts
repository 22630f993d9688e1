import { spawnSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { relative, sep } from 'node:path'

/**
 * Local git questions a comparison needs, answered without the network and
 * without touching the working tree: which repository holds the scan root,
 * which commit a ref names, and which files git sees as renamed since then.
 */

export interface Repository {
  /** The top of the working tree. */
  readonly top: string
  /** The scan root inside it, `/`-separated ('' at the top). */
  readonly prefix: string
}

function git(
  cwd: string,
  args: readonly string[],
): { ok: boolean; out: string; err: string } {
  const result = spawnSync('git', ['-C', cwd, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return {
    ok: !result.error && result.status === 0,
    out: result.stdout ?? '',
    err:
      result.error?.message ??
      (result.stderr ?? '').trim().split('\n').at(-1) ??
      '',
  }
}

/** The repository whose working tree holds `dir`, or why there is none. */
export function repositoryOf(
  dir: string,
): Repository | { readonly error: string } {
  const top = git(dir, ['rev-parse', '--show-toplevel'])
  if (!top.ok)
    return { error: `${dir} is not in a git repository (${top.err})` }
  const root = realpathSync(dir)
  const topDir = realpathSync(top.out.trim())
  const prefix = relative(topDir, root).split(sep).join('/')
  return { top: topDir, prefix }
}

/** The commit a ref (branch, tag, SHA, `HEAD~1`) names, if the repository has it. */
export function resolveCommit(repo: string, ref: string): string | undefined {
  // A ref is an argument, never an option, whatever it starts with.
  if (ref.startsWith('-')) return undefined
  const result = git(repo, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`,
  ])
  const sha = result.out.trim()
  return result.ok && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined
}

/**
 * Files git sees as renamed between `base` and the working tree, as paths
 * relative to `prefix`: base path → head path. Empty when git cannot say.
 */
export function gitRenames(
  repo: string,
  base: string,
  prefix: string,
): Map<string, string> {
  const result = git(repo, [
    'diff',
    '--name-status',
    '-z',
    '-M',
    '--no-ext-diff',
    '--no-textconv',
    base,
    '--',
    prefix === '' ? '.' : prefix,
  ])
  const renames = new Map<string, string>()
  if (!result.ok) return renames
  const fields = result.out.split('\0')
  const inside = (path: string): string | undefined =>
    prefix === ''
      ? path
      : path.startsWith(`${prefix}/`)
        ? path.slice(prefix.length + 1)
        : undefined
  for (let i = 0; i < fields.length;) {
    const status = fields[i] ?? ''
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = inside(fields[i + 1] ?? '')
      const to = inside(fields[i + 2] ?? '')
      if (status.startsWith('R') && from !== undefined && to !== undefined)
        renames.set(from, to)
      i += 3
    } else i += status === '' ? 1 : 2
  }
  return renames
}
