import { dirname, isAbsolute, join, relative } from 'node:path'
import { isSeq, parseDocument } from 'yaml'
import { ConfigurationError, ManifestError } from '../errors.js'
import { FORMATS } from '../formats/index.js'
import {
  parseYamlDocument,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import { validate } from '../parse/validate.js'
import { normalizeToolKind } from '../profile/tool-kinds.js'
import { isInside, MAX_POLICY_BYTES, type ConfigRead } from './config-file.js'
import {
  readConfig,
  workspaceConfig,
  type ConfigFiles,
} from './config-source.js'
import { PRESETS } from './presets.generated.js'
import {
  DECLARED_IN_PULL_REQUEST,
  PolicySchema,
  type DeclarationReviewMode,
  type PolicyException,
  type PolicyFile,
  type PolicyScope,
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
  /** What it judges when there is a base; see `scope`. */
  readonly scope: PolicyScope
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

/**
 * What a policy with everything it extends may hold. A policy is written by
 * people; one past these is a flood meant to make the gate slow or its
 * report huge, and is refused rather than judged.
 */
export const POLICY_LIMITS = {
  rules: 500,
  exceptions: 1000,
  bytes: MAX_POLICY_BYTES,
} as const

/** One file a load read, for telling two loads of a policy apart. */
export interface PolicyFileRead {
  /** The path as messages name it. */
  readonly name: string
  /** Its text; undefined when there was no file there, or it was refused. */
  readonly text: string | undefined
  readonly refused?: boolean
}

export interface PolicyLoad {
  readonly policy: ResolvedPolicy
  /** Every file read, in order: the policy, what it extends, absent candidates. */
  readonly reads: readonly PolicyFileRead[]
}

export interface LoadOptions {
  /** Directory that relative references given by the caller are resolved against. */
  readonly cwd: string
  /** Where files come from; the workspace `cwd` by default. */
  readonly files?: ConfigFiles
  /** Collects the files read, even when the load fails. */
  readonly reads?: PolicyFileRead[]
}

/** Loads a policy by preset name or file path (relative to `cwd`). */
export function loadPolicy(reference: string, cwd: string): ResolvedPolicy {
  return loadPolicyFrom(reference, { cwd }).policy
}

/**
 * Loads a policy named by the caller (the workflow, the command line): a
 * preset, or a file anywhere; what it extends is confined (see readConfig).
 */
export function loadPolicyFrom(
  reference: string,
  options: LoadOptions,
): PolicyLoad {
  const loader = new Loader(options)
  const policy = loader.resolve(reference, options.cwd, [], true)
  return { policy, reads: loader.reads }
}

/** Where a repository keeps its policy when none is named. */
export const REPOSITORY_POLICIES = [
  '.github/aivss-policy.yml',
  '.github/aivss-policy.yaml',
]

/**
 * The policy to judge by: the one named, else the repository's (in `root`),
 * else the default preset. Files come from `files`: on a pull request, the
 * base commit's, so that a policy the pull request adds or edits does not
 * judge it.
 */
export function loadGatePolicy(
  explicit: string | undefined,
  root: string,
  options: LoadOptions,
): PolicyLoad {
  const loader = new Loader(options)
  if (explicit) {
    if (isPresetName(explicit)) return loadPolicyFrom(explicit, options)
    // A file the workflow names that the base commit lacks and the pull
    // request adds is the pull request's: the base has no policy there,
    // so the default preset judges, as when it adds the repository's file.
    const path = isAbsolute(explicit) ? explicit : join(options.cwd, explicit)
    const read = loader.read(path, true)
    if (read.ok || !read.addedByPullRequest)
      return {
        policy: loader.resolveRead(path, read, [], true, explicit),
        reads: loader.reads,
      }
    return {
      policy: loader.resolve('default', options.cwd, [], true),
      reads: loader.reads,
    }
  }
  for (const candidate of REPOSITORY_POLICIES) {
    const path = join(root, candidate)
    const read = loader.read(path, false)
    if (!read.ok && read.missing) continue
    const policy = loader.resolveRead(path, read, [], false)
    return { policy, reads: loader.reads }
  }
  return {
    policy: loader.resolve('default', options.cwd, [], true),
    reads: loader.reads,
  }
}

/** The repository's policy file under `root`, if the workspace has one. */
export function choosePolicy(
  explicit: string | undefined,
  root: string,
): string {
  if (explicit) return explicit
  const files = workspaceConfig(root)
  for (const candidate of REPOSITORY_POLICIES) {
    const path = join(root, candidate)
    const read = readConfig(files, path, MAX_POLICY_BYTES, false)
    if (read.ok || !read.missing) return path
  }
  return 'default'
}

/** Whether a reference names a built-in preset rather than a file. */
export function isPresetName(reference: string): boolean {
  return Object.hasOwn(PRESETS, reference)
}

/** One load: the files read, and what the chain holds so far against POLICY_LIMITS. */
class Loader {
  readonly reads: PolicyFileRead[]
  private readonly files: ConfigFiles
  private readonly cwd: string
  private rules = 0
  private exceptions = 0
  private bytes = 0

  constructor(options: LoadOptions) {
    this.cwd = options.cwd
    this.reads = options.reads ?? []
    this.files = options.files ?? workspaceConfig(options.cwd)
  }

  /** Reads a file within what is left of the byte budget, and records it. */
  read(path: string, trusted: boolean): ConfigRead {
    const left = POLICY_LIMITS.bytes - this.bytes
    const read = readConfig(this.files, path, Math.max(left, 0), trusted)
    // Files of the repository only: what a pull request can change.
    if (isInside(this.files.workspace, path))
      this.reads.push({
        name: this.display(path),
        text: read.ok ? read.text : undefined,
        ...(!read.ok && !read.missing ? { refused: true } : {}),
      })
    return read
  }

  resolve(
    reference: string,
    baseDir: string,
    seen: readonly string[],
    trusted: boolean,
  ): ResolvedPolicy {
    if (isPresetName(reference)) {
      const text = PRESETS[reference] ?? ''
      return this.resolveText(`preset:${reference}`, text, baseDir, seen, true)
    }
    const path = isAbsolute(reference) ? reference : join(baseDir, reference)
    return this.resolveRead(
      path,
      this.read(path, trusted),
      seen,
      trusted,
      reference,
    )
  }

  resolveRead(
    path: string,
    read: ConfigRead,
    seen: readonly string[],
    trusted: boolean,
    reference = this.display(path),
  ): ResolvedPolicy {
    const name = this.display(path)
    if (!read.ok) {
      if (read.missing) {
        const hint = /^[\w-]+$/.test(reference)
          ? ` Built-in presets: ${PRESET_NAMES.join(', ')}.`
          : ''
        throw new ConfigurationError(
          `policy ${reference} not found (looked for ${name}${this.files.kind === 'base' ? ' on the base commit' : ''})`,
          { help: `Give a policy file path or a preset name.${hint}` },
        )
      }
      const over = /size cap/.test(read.reason) && this.bytes > 0
      throw new ConfigurationError(
        over
          ? `policy ${name}: the policy and the files it extends are over ${POLICY_LIMITS.bytes} bytes in total`
          : `policy ${name} cannot be read: ${read.reason}`,
        {
          help: over
            ? `A policy with everything it extends may hold at most ${POLICY_LIMITS.bytes} bytes.`
            : 'extends may name a preset or a policy file inside the workspace; only regular files are read.',
        },
      )
    }
    // A file of the workspace names files of the workspace only; one the
    // workflow provides from outside it may name its own neighbours.
    const stillTrusted = trusted && !isInside(this.files.workspace, path)
    return this.resolveText(name, read.text, dirname(path), seen, stillTrusted)
  }

  private resolveText(
    name: string,
    text: string,
    dir: string,
    seen: readonly string[],
    trusted: boolean,
  ): ResolvedPolicy {
    if (seen.includes(name)) {
      throw new ConfigurationError(
        `policy ${seen[0] ?? name} extends itself: ${[...seen, name].join(' -> ')}`,
        { help: 'Remove the cycle from the extends chain.' },
      )
    }
    if (seen.length >= MAX_EXTENDS_DEPTH) {
      throw new ConfigurationError(
        `policy ${name}: extends chain is deeper than ${MAX_EXTENDS_DEPTH}`,
      )
    }
    this.bytes += Buffer.byteLength(text, 'utf8')
    if (this.bytes > POLICY_LIMITS.bytes)
      throw new ConfigurationError(
        `policy ${name}: the policy and the files it extends are over ${POLICY_LIMITS.bytes} bytes in total`,
        {
          help: `A policy with everything it extends may hold at most ${POLICY_LIMITS.bytes} bytes.`,
        },
      )
    const { policy, doc } = parse(text, name, (value, early) =>
      this.count(value, name, early),
    )
    const parent = policy.extends
      ? this.resolve(policy.extends, dir, [...seen, name], trusted)
      : undefined
    return merge(name, policy, doc, parent)
  }

  /**
   * Counts rules and exceptions before validation, so a flood is not
   * validated. `early`: lengths from the syntax tree, checked (not added)
   * before the document is read in full.
   */
  private count(
    value: unknown,
    name: string,
    early?: { readonly rules: number; readonly exceptions: number },
  ): void {
    const length = (key: string): number => {
      const list =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined
      return Array.isArray(list) ? list.length : 0
    }
    const rules = this.rules + (early ? early.rules : length('rules'))
    const exceptions =
      this.exceptions + (early ? early.exceptions : length('exceptions'))
    if (!early) {
      this.rules = rules
      this.exceptions = exceptions
    }
    for (const [what, count, limit] of [
      ['rules', rules, POLICY_LIMITS.rules],
      ['exceptions', exceptions, POLICY_LIMITS.exceptions],
    ] as const) {
      if (count > limit)
        throw new ConfigurationError(
          `policy ${name}: more than ${limit} ${what} (${count}) with everything it extends`,
          {
            help: `A policy may hold at most ${POLICY_LIMITS.rules} rules and ${POLICY_LIMITS.exceptions} exceptions in all; use conditions that cover many agents (paths, severity) instead of one rule each.`,
          },
        )
    }
  }

  private display(path: string): string {
    const rel = relative(this.cwd, path)
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path
  }
}

type Counter = (
  value: unknown,
  early?: { readonly rules: number; readonly exceptions: number },
) => void

function parse(
  text: string,
  file: string,
  count: Counter,
): { policy: PolicyFile; doc: ParsedDocument } {
  const doc = readPolicyYaml(text, file, count)
  count(doc.value)
  const result = validate(PolicySchema, doc.value, { doc, file, quote: false })
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

/**
 * The policy's YAML, with errors that give the line, the column and the
 * problem but never quote the text: the file may be one its author should
 * not see printed (a path the workflow names), and it may be huge.
 */
function readPolicyYaml(
  text: string,
  file: string,
  count: Counter,
): ParsedDocument {
  // A key given twice is refused: a reviewer reads the first, YAML keeps
  // the last, so a second `extends:` or `rules:` would judge unseen.
  const tree = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    strict: false,
  })
  const syntax = tree.errors[0]
  if (syntax) {
    const { line, col } = lineAndColumn(text, syntax.pos[0])
    throw new ConfigurationError(
      `${file}:${line}: invalid YAML at column ${col} (${syntax.code.toLowerCase().replace(/_/g, ' ')})`,
      { help: 'Fix the YAML syntax (indentation, quoting, a missing colon).' },
    )
  }
  // A flood is refused on the syntax tree, before it is read in full.
  const items = (key: string): number => {
    const node = tree.get(key, true)
    return isSeq(node) ? node.items.length : 0
  }
  count(undefined, { rules: items('rules'), exceptions: items('exceptions') })
  try {
    return parseYamlDocument(text, file)
  } catch (error) {
    if (error instanceof ManifestError) {
      const safe =
        /^(nested more than \d+ levels deep|document is nested more than \d+ levels deep|a mapping key is itself a mapping or sequence)/.exec(
          error.message,
        )
      throw new ConfigurationError(
        `${file}:${error.position.line ?? 1}: ${safe ? safe[1] : 'the YAML could not be read safely (aliases, nesting or tags)'}`,
        { help: error.help },
      )
    }
    throw error
  }
}

function lineAndColumn(
  text: string,
  offset: number,
): { line: number; col: number } {
  let line = 1
  let start = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++)
    if (text.charCodeAt(i) === 10) {
      line += 1
      start = i + 1
    }
  return { line, col: end - start + 1 }
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
          `${at(['rules', i, 'when', 'formats', j])}: rules[${i}].when.formats[${j}]: unknown format${quoteId(format)}; known: ${[...formats].sort().join(', ')}`,
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
          return `${name}:${p?.line ?? 1}${p ? `:${p.column}` : ''}: exceptions[${i}].rule: no active rule${quoteId(e.rule)}; rules: ${[...known].join(', ')}`
        })
        .join('\n  ')}`,
    )
  }
  return {
    chain: [name, ...(parent?.chain ?? [])],
    aivss: { ...parent?.aivss, ...policy.aivss },
    scan: { ...parent?.scan, ...policy.scan },
    // Unset anywhere in the chain, a policy judges everything, as a policy
    // written before `scope` existed did.
    scope: policy.scope ?? parent?.scope ?? 'all',
    manifestErrors:
      policy['manifest-errors'] ?? parent?.manifestErrors ?? 'warn',
    // Unset, a pull request's own declarations are judged at least as
    // strictly as the plain agent: only a policy that says so takes them
    // at their word.
    declarationsUnderReview:
      policy['declarations-under-review'] ??
      parent?.declarationsUnderReview ??
      'judge-on-estimate',
    trustedDeclarations:
      policy['trusted-declarations'] ?? parent?.trustedDeclarations ?? [],
    rules,
    disabled,
    exceptions,
  }
}

/** ` "id"` for a value that is a plain identifier; nothing for other text, which is not echoed. */
function quoteId(value: string): string {
  return /^[\w.*-]{1,100}$/.test(value) ? ` "${value}"` : ''
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
      r.when['new-unapproved-tools'] !== undefined ||
      r.when['removed-controls'] !== undefined,
  )
}
