import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { ConfigurationError, ManifestError } from '../errors.js'
import { FORMATS } from '../formats/index.js'
import {
  parseYamlDocument,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import { validate } from '../parse/validate.js'
import { normalizeToolKind } from '../profile/tool-kinds.js'
import { PRESETS } from './presets.generated.js'
import {
  DECLARED_IN_PULL_REQUEST,
  PolicySchema,
  type DeclarationReviewMode,
  type PolicyException,
  type PolicyFile,
  type Rule,
} from './schema.js'

/**
 * Loading a policy: read the file (or a built-in preset), validate it, follow
 * `extends` to its parents, and merge them into one resolved policy. Every
 * mistake is a ConfigurationError that names the file, line and column.
 */

export interface ResolvedRule extends Rule {
  /** The policy file (or preset) the rule comes from. */
  readonly source: string
}

export interface ResolvedException extends PolicyException {
  readonly source: string
  readonly line?: number | undefined
}

export interface ResolvedPolicy {
  /** From the most derived file to the preset it ends in. */
  readonly chain: readonly string[]
  readonly aivss: NonNullable<PolicyFile['aivss']>
  readonly scan: NonNullable<PolicyFile['scan']>
  readonly manifestErrors: 'fail' | 'warn' | 'off'
  /** What claims under review do; see `declarations-under-review`. */
  readonly declarationsUnderReview: DeclarationReviewMode
  /** Globs of files whose declarations count even when a pull request changes them. */
  readonly trustedDeclarations: readonly string[]
  /** Active rules, in order (inherited first). */
  readonly rules: readonly ResolvedRule[]
  /** Inherited rules switched off with `action: off`. */
  readonly disabled: readonly ResolvedRule[]
  readonly exceptions: readonly ResolvedException[]
}

export const PRESET_NAMES = Object.keys(PRESETS).sort()
const MAX_EXTENDS_DEPTH = 8

/** Loads a policy by preset name or file path (relative to `cwd`). */
export function loadPolicy(reference: string, cwd: string): ResolvedPolicy {
  return resolve(reference, cwd, [], cwd)
}

/** Where a repository keeps its policy when none is named. */
export const REPOSITORY_POLICIES = [
  '.github/aivss-policy.yml',
  '.github/aivss-policy.yaml',
]

/** The policy to judge by: the one named, else the repository's, else default. */
export function choosePolicy(
  explicit: string | undefined,
  root: string,
): string {
  if (explicit) return explicit
  return (
    REPOSITORY_POLICIES.map((p) => join(root, p)).find((p) => existsSync(p)) ??
    'default'
  )
}

/** Whether a reference names a built-in preset rather than a file. */
export function isPresetName(reference: string): boolean {
  return Object.hasOwn(PRESETS, reference)
}

function resolve(
  reference: string,
  baseDir: string,
  seen: readonly string[],
  cwd: string,
): ResolvedPolicy {
  const { name, text, dir } = read(reference, baseDir, cwd)
  if (seen.includes(name)) {
    throw new ConfigurationError(
      `policy ${seen[0] ?? name} extends itself: ${[...seen, name].join(' -> ')}`,
      {
        help: 'Remove the cycle from the extends chain.',
      },
    )
  }
  if (seen.length >= MAX_EXTENDS_DEPTH) {
    throw new ConfigurationError(
      `policy ${name}: extends chain is deeper than ${MAX_EXTENDS_DEPTH}`,
    )
  }
  const { policy, doc } = parse(text, name)
  const parent = policy.extends
    ? resolve(policy.extends, dir, [...seen, name], cwd)
    : undefined
  return merge(name, policy, doc, parent)
}

function read(
  reference: string,
  baseDir: string,
  cwd: string,
): { name: string; text: string; dir: string } {
  if (isPresetName(reference))
    return {
      name: `preset:${reference}`,
      text: PRESETS[reference] ?? '',
      dir: baseDir,
    }
  const path = isAbsolute(reference) ? reference : join(baseDir, reference)
  try {
    return {
      name: displayPath(path, cwd),
      text: readFileSync(path, 'utf8'),
      dir: dirname(path),
    }
  } catch {
    const hint = /^[\w-]+$/.test(reference)
      ? ` Built-in presets: ${PRESET_NAMES.join(', ')}.`
      : ''
    throw new ConfigurationError(
      `policy ${reference} not found (looked for ${displayPath(path, cwd)})`,
      {
        help: `Give a policy file path or a preset name.${hint}`,
      },
    )
  }
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return rel && !rel.startsWith('..') ? rel : path
}

function parse(
  text: string,
  file: string,
): { policy: PolicyFile; doc: ParsedDocument } {
  let doc: ParsedDocument
  try {
    doc = parseYamlDocument(text, file)
  } catch (error) {
    if (error instanceof ManifestError) {
      throw new ConfigurationError(
        `${file}:${error.position.line ?? 1}: ${error.message}`,
        { help: error.help },
      )
    }
    throw error
  }
  const result = validate(PolicySchema, doc.value, { doc, file })
  if (!result.ok) {
    const lines = result.problems.map(
      (p) =>
        `${file}:${p.line ?? 1}${p.column ? `:${p.column}` : ''}: ${p.field ? `${p.field}: ` : ''}${p.message}`,
    )
    throw new ConfigurationError(
      `invalid policy ${file}:\n  ${lines.join('\n  ')}`,
      {
        help: 'See "The policy file" in the README, or check it with `aivss-gate policy check FILE`.',
      },
    )
  }
  checkNames(result.data, doc, file)
  return { policy: result.data, doc }
}

/** Checks that zod cannot make: known format ids, unique rule ids. */
function checkNames(
  policy: PolicyFile,
  doc: ParsedDocument,
  file: string,
): void {
  const errors: string[] = []
  const at = (path: DataPath): string => {
    const p = doc.positionOf?.(path)
    return p ? `${file}:${p.line}:${p.column}` : file
  }
  const formats = new Set(FORMATS.map((f) => f.id))
  const ids = new Set<string>()
  ;(policy.rules ?? []).forEach((rule, i) => {
    if (ids.has(rule.id))
      errors.push(
        `${at(['rules', i, 'id'])}: rules[${i}].id: "${rule.id}" is used twice`,
      )
    ids.add(rule.id)
    ;(rule.when.formats ?? []).forEach((format, j) => {
      if (!formats.has(format)) {
        errors.push(
          `${at(['rules', i, 'when', 'formats', j])}: rules[${i}].when.formats[${j}]: unknown format "${format}"; known: ${[...formats].sort().join(', ')}`,
        )
      }
    })
  })
  if (errors.length > 0)
    throw new ConfigurationError(
      `invalid policy ${file}:\n  ${errors.join('\n  ')}`,
    )
}

function merge(
  name: string,
  policy: PolicyFile,
  doc: ParsedDocument,
  parent: ResolvedPolicy | undefined,
): ResolvedPolicy {
  const rules = [...(parent?.rules ?? [])]
  const disabled = [...(parent?.disabled ?? [])]
  for (const rule of policy.rules ?? []) {
    const normalized: ResolvedRule = {
      ...rule,
      when: normalizeWhen(rule.when),
      source: name,
    }
    const index = rules.findIndex((r) => r.id === rule.id)
    if (rule.action === 'off') {
      if (index >= 0) disabled.push(...rules.splice(index, 1))
      continue
    }
    if (index >= 0) rules[index] = normalized
    else rules.push(normalized)
  }
  const exceptions: ResolvedException[] = [
    ...(parent?.exceptions ?? []),
    ...(policy.exceptions ?? []).map((e, i) => ({
      ...e,
      source: name,
      line: doc.lineOf(['exceptions', i]),
    })),
  ]
  const known = new Set([
    ...rules.map((r) => r.id),
    'manifest-errors',
    DECLARED_IN_PULL_REQUEST,
  ])
  const unknown = (policy.exceptions ?? [])
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.rule !== '*' && !known.has(e.rule))
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `invalid policy ${name}:\n  ${unknown
        .map(({ e, i }) => {
          const p = doc.positionOf?.(['exceptions', i, 'rule'])
          return `${name}:${p?.line ?? 1}${p ? `:${p.column}` : ''}: exceptions[${i}].rule: no active rule "${e.rule}"; rules: ${[...known].join(', ')}`
        })
        .join('\n  ')}`,
    )
  }
  return {
    chain: [name, ...(parent?.chain ?? [])],
    aivss: { ...parent?.aivss, ...policy.aivss },
    scan: { ...parent?.scan, ...policy.scan },
    manifestErrors:
      policy['manifest-errors'] ?? parent?.manifestErrors ?? 'warn',
    declarationsUnderReview:
      policy['declarations-under-review'] ??
      parent?.declarationsUnderReview ??
      'warn',
    trustedDeclarations:
      policy['trusted-declarations'] ?? parent?.trustedDeclarations ?? [],
    rules,
    disabled,
    exceptions,
  }
}

/** Tool kind aliases become canonical kinds once, so evaluation compares ids. */
function normalizeWhen(when: Rule['when']): Rule['when'] {
  const kinds = (list: readonly string[]): string[] =>
    list.map((t) => normalizeToolKind(t) ?? t)
  return {
    ...when,
    ...(when.tools ? { tools: kinds(when.tools) } : {}),
    ...(when['new-tools'] ? { 'new-tools': kinds(when['new-tools']) } : {}),
  }
}

/** Whether any rule judges what a pull request changed, which needs a base. */
export function usesComparison(policy: ResolvedPolicy): boolean {
  return policy.rules.some(
    (r) =>
      r.when.new !== undefined ||
      r.when.increased !== undefined ||
      r.when['new-tools'] !== undefined ||
      r.when['removed-controls'] !== undefined,
  )
}
