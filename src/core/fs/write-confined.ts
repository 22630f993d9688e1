import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  writeSync,
  type Stats,
} from 'node:fs'
import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import { ConfigurationError, errorMessage } from '../errors.js'

/**
 * Writes an output file (SARIF, JSON report, baseline) without ever
 * following a link: a pull request can commit `aivss-gate.sarif`, or a
 * directory on the way to it, as a symbolic link to any file the job can
 * write, and a plain write would overwrite that file. Below a trusted
 * directory (the anchor: the workspace, the working directory) every
 * component is checked to be a real directory, missing ones are created,
 * and the file is opened with O_NOFOLLOW; a link or a special file on the
 * way is an error that names the path, and nothing is written.
 */

export interface ConfinedTarget {
  /** Absolute path of the file to write. */
  readonly path: string
  /** The trusted directory below which every component is checked. */
  readonly anchor: string
  /**
   * A path outside the anchor is an error (the Action's workspace). When
   * false, such a path was named by a trusted user: only its file is
   * checked, below its parent directory.
   */
  readonly confine: boolean
  /** How messages name the output: the input or flag and its value. */
  readonly label: string
  /** What to tell the user when the path is refused. */
  readonly help?: string
}

const WRITE_FLAGS =
  constants.O_WRONLY |
  constants.O_CREAT |
  constants.O_TRUNC |
  (constants.O_NOFOLLOW ?? 0) |
  // A named pipe with no reader fails at once instead of blocking.
  (constants.O_NONBLOCK ?? 0)

export function writeConfined(
  target: ConfinedTarget,
  content: string | Iterable<string>,
): void {
  const fd = openConfined(target)
  try {
    try {
      if (typeof content === 'string') writeSync(fd, content)
      else for (const chunk of content) writeSync(fd, chunk)
    } catch (error) {
      throw refused(target, errorMessage(error))
    }
  } finally {
    closeSync(fd)
  }
}

/** Whether `path` lies inside `dir` (lexically; '' counts as inside). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path)
  return !rel.startsWith('..') && !isAbsolute(rel)
}

function openConfined(target: ConfinedTarget): number {
  let anchor = target.anchor
  let rel = relative(anchor, target.path)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    if (rel === '') throw refused(target, 'it is a directory')
    if (target.confine) throw refused(target, 'outside the workspace')
    anchor = dirname(target.path)
    rel = relative(anchor, target.path)
  }
  let dir: string
  try {
    mkdirSync(anchor, { recursive: true })
    dir = realpathSync(anchor)
  } catch (error) {
    throw refused(target, errorMessage(error))
  }
  const parts = rel.split(sep)
  const name = parts.pop() as string
  let shown = ''
  for (const part of parts) {
    shown = shown ? `${shown}/${part}` : part
    const next = join(dir, part)
    let stat = lstatOrUndefined(next)
    if (!stat) {
      try {
        mkdirSync(next)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
          throw refused(target, errorMessage(error))
      }
      stat = lstatOrUndefined(next)
    }
    if (stat?.isSymbolicLink())
      throw refused(target, `${shown} is a symbolic link: not followed`)
    if (!stat?.isDirectory())
      throw refused(target, `${shown} is not a directory`)
    dir = next
  }
  const file = join(dir, name)
  const existing = lstatOrUndefined(file)
  if (existing?.isSymbolicLink())
    throw refused(target, 'it is a symbolic link: not followed')
  if (existing && !existing.isFile())
    throw refused(target, 'it is not a regular file')
  let fd: number
  try {
    fd = openSync(file, WRITE_FLAGS, 0o666)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw refused(
      target,
      code === 'ELOOP'
        ? 'it is a symbolic link: not followed'
        : errorMessage(error),
    )
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd)
    throw refused(target, 'it is not a regular file')
  }
  return fd
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch {
    return undefined
  }
}

function refused(target: ConfinedTarget, why: string): ConfigurationError {
  return new ConfigurationError(
    `cannot write ${target.label} (${target.path}): ${why}`,
    {
      help:
        target.help ??
        'Give a path of a regular file (or none yet) whose directories are real directories, not links.',
    },
  )
}
