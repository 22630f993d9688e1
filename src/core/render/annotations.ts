import type { Report } from '../report/schema.js'
import { hasHiddenText, inertText } from './escape.js'
import { repoPath } from './location.js'

/**
 * Annotations for the workflow run: one per failing (error) or warning rule
 * finding, on the manifest's file and line. GitHub shows at most 10 error and
 * 10 warning annotations per step, so the list stops at those caps and says
 * how many it left out.
 */

export const ANNOTATION_CAP = 10

export interface Annotation {
  readonly level: 'error' | 'warning'
  readonly title: string
  readonly message: string
  /** Relative to the repository root; absent for findings about no file. */
  readonly file?: string
  readonly line?: number
}

export interface AnnotationList {
  readonly annotations: readonly Annotation[]
  readonly omitted: { readonly error: number; readonly warning: number }
}

export function annotationsFor(
  report: Report,
  options: { readonly pathPrefix?: string; readonly cap?: number } = {},
): AnnotationList {
  const cap = options.cap ?? ANNOTATION_CAP
  const policy = report.policy
  const all: Annotation[] = []
  for (const v of policy?.violations ?? []) {
    const text = v.agent ? `${v.agent}: ${v.message}` : v.message
    const file = repoPath(options.pathPrefix ?? '', v.file)
    const line = Math.max(1, v.line ?? 1)
    // The file property is shown as given: a name with invisible or
    // direction-changing code points (which the pull request chose) is
    // named, visibly, in the message instead, and the annotation sits on
    // no file.
    all.push(
      hasHiddenText(file)
        ? {
            level: v.action === 'fail' ? 'error' : 'warning',
            title: `aivss-gate: ${v.rule}`,
            message: inertText(`${file}:${line}: ${text}`, 900),
          }
        : {
            level: v.action === 'fail' ? 'error' : 'warning',
            title: `aivss-gate: ${v.rule}`,
            message: inertText(text, 600),
            file,
            line,
          },
    )
  }
  for (const e of [
    ...(policy?.expiredExceptions ?? []),
    ...(policy?.unusedExceptions ?? []),
  ]) {
    // A policy file's name is the pull request's when its policy judges (a
    // base that cannot be read): the same care as for manifests.
    const inFile = !e.source.startsWith('preset:') && !hasHiddenText(e.source)
    all.push({
      level: 'warning',
      title: `aivss-gate: exception for ${e.rule}`,
      message: inertText(e.message, 600),
      ...(inFile ? { file: e.source, line: Math.max(1, e.line ?? 1) } : {}),
    })
  }
  const errors = all.filter((a) => a.level === 'error')
  const warnings = all.filter((a) => a.level === 'warning')
  return {
    annotations: [...errors.slice(0, cap), ...warnings.slice(0, cap)],
    omitted: {
      error: Math.max(0, errors.length - cap),
      warning: Math.max(0, warnings.length - cap),
    },
  }
}
