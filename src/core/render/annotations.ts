import type { Report } from '../report/schema.js'
import { SEVERITY_LABELS } from '../aivss/severity.js'
import { headline } from './change-comment.js'
import { hasHiddenText, inertText } from './escape.js'
import { formatScore } from './format.js'
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
  const scores = new Map(
    report.agents.map((a) => [`${a.file}\0${a.name}`, a] as const),
  )
  const touched = touchedFiles(report)
  const all: Annotation[] = []
  // Findings the change brought, in files it touched first; pre-existing
  // ones are counted in the comment and listed in the summary, not here.
  const findings = (policy?.violations ?? [])
    .filter((v) => !v.preExisting)
    .map((v, i) => ({ v, i }))
    .sort(
      (a, b) =>
        Number(!touched.has(a.v.file)) - Number(!touched.has(b.v.file)) ||
        a.i - b.i,
    )
  for (const { v } of findings) {
    const agent = v.agent ? scores.get(`${v.file}\0${v.agent}`) : undefined
    const who = agent
      ? `${agent.name} (${SEVERITY_LABELS[agent.severity]} ${formatScore(agent.score)})`
      : v.agent
    const why = v.description ? `${v.description}: ${v.message}` : v.message
    const text = who ? `${who}: ${why}` : why
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
  // One error slot is the verdict's: whatever else is cut, it is seen.
  const verdict: Annotation[] =
    policy?.result === 'fail' && errors.length > 0
      ? [
          {
            level: 'error',
            title: 'aivss-gate: policy failed',
            message: inertText(
              `${headline(report).replace(/`/g, '')}; the comment and the job summary say what to do.`,
              600,
            ),
          },
        ]
      : []
  const errorRoom = Math.max(0, cap - verdict.length)
  return {
    annotations: [
      ...verdict,
      ...errors.slice(0, errorRoom),
      ...warnings.slice(0, cap),
    ],
    omitted: {
      error: Math.max(0, errors.length - errorRoom),
      warning: Math.max(0, warnings.length - cap),
    },
  }
}

/** Files the pull request added, changed or made unreadable agents in. */
function touchedFiles(report: Report): Set<string> {
  const delta = report.delta
  if (!delta?.available) return new Set()
  return new Set([
    ...delta.added.map((a) => a.file),
    ...delta.changed.map((c) => c.file),
    ...(delta.unreadable ?? []).map((u) => u.file),
  ])
}
