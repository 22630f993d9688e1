import { realpathSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { CompareWith } from '../diff/comparison.js'
import { gitSource } from '../discovery/git-source.js'
import { errorMessage } from '../errors.js'
import { isInside, readConfigFile, type ConfigRead } from './config-file.js'

/**
 * Where the configuration that judges a run (the policy, every file it
 * extends, the baseline file) is read from.
 *
 * - `workspaceConfig`: the checkout itself, every file confined to the
 *   workspace.
 * - `baseConfig`: on a pull request, the base commit, read with git as data.
 *   The pull request wrote every file of its head, so a file of the
 *   repository comes from the base: the base's version when the base has it,
 *   none when only the head has it (the pull request adds it). Only a file
 *   the head commit does not track at all (made by an earlier step of the
 *   workflow) is read from the workspace, confined.
 *
 * Paths are absolute; one outside the workspace is read only when the
 * workflow or the command line named it (`trusted`), never when a file of
 * the workspace did.
 */
export interface ConfigFiles {
  /** The directory untrusted references must stay in (absolute). */
  readonly workspace: string
  readonly kind: 'workspace' | 'base'
  /** The base commit, for `base`. */
  readonly commit?: string | undefined
  /** Reads a path inside the workspace (absolute). */
  readInside(path: string, maxBytes: number): ConfigRead
}

/** Reads a path: inside the workspace through `files`, outside only when trusted. */
export function readConfig(
  files: ConfigFiles,
  path: string,
  maxBytes: number,
  trusted: boolean,
): ConfigRead {
  if (isInside(files.workspace, path)) return files.readInside(path, maxBytes)
  if (!trusted)
    return {
      ok: false,
      missing: false,
      reason:
        'outside the workspace: a policy file may only name presets and files inside the workspace',
    }
  return readConfigFile(path, maxBytes)
}

export function workspaceConfig(workspace: string): ConfigFiles {
  return {
    workspace,
    kind: 'workspace',
    readInside: (path, maxBytes) => readConfigFile(path, maxBytes, workspace),
  }
}

/** A commit of a repository, as files to read by repository-relative path. */
export interface CommitFiles {
  /** A file by repository-relative path; `missing` when the commit has nothing there. */
  read(path: string, maxBytes: number): ConfigRead
}

/**
 * The one place configuration is read from git: the commit's tree, listed
 * once when first needed; links and submodules are refused, never followed.
 */
export function commitFiles(repo: Repository, sha: string): CommitFiles {
  let source: ReturnType<typeof gitSource> | undefined
  let failure: string | undefined
  const open = (): ReturnType<typeof gitSource> | undefined => {
    if (source === undefined && failure === undefined) {
      try {
        source = gitSource(repo, sha)
      } catch (error) {
        failure = errorMessage(error)
      }
    }
    return source
  }
  return {
    read(path, maxBytes) {
      const tree = open()
      if (!tree)
        return {
          ok: false,
          missing: false,
          reason: `the commit could not be read (${failure ?? 'unknown'})`,
        }
      const outcome = tree.read(path, maxBytes)
      if (outcome.ok) return { ok: true, text: outcome.text }
      if (outcome.reason !== 'not found')
        return { ok: false, missing: false, reason: outcome.reason }
      // A link or submodule on the way holds the path as far as git is concerned.
      const parts = path.split('/')
      for (let i = parts.length - 1; i > 0; i--) {
        const above = tree.read(parts.slice(0, i).join('/'), 0, 0)
        if (!above.ok && above.reason !== 'not found')
          return {
            ok: false,
            missing: false,
            reason: `${parts.slice(0, i).join('/')} is a ${above.reason.split(':')[0] ?? 'link'}`,
          }
      }
      return { ok: false, missing: true, reason: 'not found' }
    },
  }
}

/** The repository as the comparison with a git base names it. */
export type Repository = Extract<CompareWith, { kind: 'git' }>['repo']

/** The top of a repository's working tree (absolute). */
function workTreeOf(repo: Repository): string {
  return repo.workTree
}

export interface BaseCommit {
  readonly repo: Repository
  readonly sha: string
}

/** The base commit's configuration; see ConfigFiles. */
export function baseConfig(workspace: string, base: BaseCommit): ConfigFiles {
  const atBase = commitFiles(base.repo, base.sha)
  const atHead = commitFiles(base.repo, 'HEAD')
  const top = real(workTreeOf(base.repo))
  const realWorkspace = real(workspace)
  return {
    workspace,
    kind: 'base',
    commit: base.sha,
    readInside(path, maxBytes) {
      const full = join(realWorkspace, relative(workspace, path))
      if (!isInside(top, full)) return readConfigFile(path, maxBytes, workspace)
      const inRepo = relative(top, full).split(sep).join('/')
      const fromBase = atBase.read(inRepo, maxBytes)
      if (fromBase.ok || !fromBase.missing)
        return fromBase.ok
          ? fromBase
          : { ...fromBase, reason: `on the base commit: ${fromBase.reason}` }
      // Not on the base. If the head commit has it, the pull request added
      // it: there is none. If not even the head tracks it, the workflow
      // made it, and the workspace's copy is the workflow's.
      const fromHead = atHead.read(inRepo, 0)
      const untracked = !fromHead.ok && fromHead.missing
      if (untracked) return readConfigFile(path, maxBytes, workspace)
      return {
        ok: false,
        missing: true,
        reason: 'not on the base commit (the pull request adds it)',
        addedByPullRequest: true,
      }
    },
  }
}

function real(path: string): string {
  try {
    return realpathSync.native(path)
  } catch {
    return path
  }
}
