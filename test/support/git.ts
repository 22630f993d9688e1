import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { checkoutAt, type GitCheckout } from '../../src/core/git/run-git.js'
import { tempTree } from './files.js'

/** Runs git in a test repository, with a fixed identity. */
export function git(repo: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'commit.gpgsign=false',
      '-C',
      repo,
      ...args,
    ],
    {
      encoding: 'utf8',
    },
  ).trim()
}

/** Creates a repository whose first commit holds `files`. */
export function gitRepo(files: Record<string, string>): string {
  const repo = tempTree(files)
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'base')
  return repo
}

/** Applies changes (content, or null to delete) and commits them; returns the new commit. */
export function commit(
  repo: string,
  changes: Record<string, string | null>,
  message = 'change',
): string {
  for (const [path, content] of Object.entries(changes)) {
    const full = join(repo, path)
    if (content === null) rmSync(full, { force: true })
    else {
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, content)
    }
  }
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', message)
  return git(repo, 'rev-parse', 'HEAD')
}

export function link(repo: string, target: string, path: string): void {
  symlinkSync(target, join(repo, path))
}

/** Moves a tracked file with `git mv` (committed by the next `commit`). */
export function gitMove(repo: string, from: string, to: string): void {
  mkdirSync(dirname(join(repo, to)), { recursive: true })
  git(repo, 'mv', from, to)
}

/** The checkout rooted at `repo`, as the gate finds it. */
export function checkoutOf(repo: string): GitCheckout {
  const found = checkoutAt(repo, process.env)
  if ('error' in found) throw new Error(found.error)
  return found
}
