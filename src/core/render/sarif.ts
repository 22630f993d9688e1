import type { Report, ReportPolicy } from '../report/schema.js'
import { sha256 } from './digest.js'
import { inertText, urlPath } from './escape.js'
import { repoPath } from './location.js'

/**
 * The policy verdict as SARIF 2.1.0, for code scanning: one rule
 * (reportingDescriptor) per policy rule, one result per finding located in
 * the manifest's file and line, excepted findings as suppressed results.
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
const INFORMATION_URI = 'https://github.com/aivss-gate/aivss-gate'
const SRCROOT = '%SRCROOT%'

export interface SarifOptions {
  /** The scan root's path inside the repository, `/`-separated ('' at the top). */
  readonly pathPrefix?: string
  /** Absolute `file://` URI of the repository root (with a trailing slash), if known. */
  readonly rootUri?: string
}

export interface SarifMessage {
  readonly text: string
}

export interface SarifRule {
  readonly id: string
  readonly shortDescription: SarifMessage
  readonly fullDescription: SarifMessage
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' }
  readonly properties: { readonly tags: string[]; readonly source: string }
}

export interface SarifResult {
  readonly ruleId: string
  readonly ruleIndex: number
  readonly level: 'error' | 'warning'
  readonly message: SarifMessage
  readonly locations: ReadonlyArray<{
    readonly physicalLocation: {
      readonly artifactLocation: {
        readonly uri: string
        readonly uriBaseId: string
      }
      readonly region: { readonly startLine: number }
    }
  }>
  readonly partialFingerprints: Readonly<Record<string, string>>
  readonly suppressions?: ReadonlyArray<{
    readonly kind: 'external'
    readonly status: 'accepted'
    readonly justification: string
  }>
  readonly properties?: Readonly<Record<string, string | number>>
}

export interface SarifLog {
  readonly $schema: string
  readonly version: '2.1.0'
  readonly runs: ReadonlyArray<{
    readonly tool: {
      readonly driver: {
        readonly name: string
        readonly version: string
        readonly semanticVersion: string
        readonly informationUri: string
        readonly rules: readonly SarifRule[]
      }
    }
    readonly originalUriBaseIds?: Readonly<
      Record<string, { readonly uri: string }>
    >
    readonly columnKind: 'utf16CodeUnits'
    readonly results: readonly SarifResult[]
  }>
}

type Finding = ReportPolicy['violations'][number] & {
  readonly exception?: ReportPolicy['excepted'][number]['exception']
}

export function renderSarif(
  report: Report,
  options: SarifOptions = {},
): SarifLog {
  const policy = report.policy
  const rules = sarifRules(policy)
  const index = new Map(rules.map((r, i) => [r.id, i]))
  const findings: Finding[] = [
    ...(policy?.violations ?? []),
    ...(policy?.excepted ?? []),
  ]
  const scores = new Map(
    report.agents.map((a) => [`${a.file}#${a.name}#${a.line}`, a]),
  )
  const results = findings.map((f): SarifResult => {
    const path = repoPath(options.pathPrefix ?? '', f.file)
    const agent =
      f.agent === undefined
        ? undefined
        : scores.get(`${f.file}#${f.agent}#${f.line ?? 1}`)
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? 0,
      level: f.action === 'fail' ? 'error' : 'warning',
      message: {
        text: sarifText(f.agent ? `${f.agent}: ${f.message}` : f.message),
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: urlPath(path), uriBaseId: SRCROOT },
            region: { startLine: Math.max(1, f.line ?? 1) },
          },
        },
      ],
      partialFingerprints: {
        'aivssGate/v1': sha256(`${f.rule}\n${path}\n${f.agent ?? ''}`),
      },
      ...(f.exception
        ? {
            suppressions: [
              {
                kind: 'external' as const,
                status: 'accepted' as const,
                justification: sarifText(f.exception.reason),
              },
            ],
          }
        : {}),
      ...(agent
        ? {
            properties: {
              agent: inertText(agent.name, 200),
              aivssScore: agent.score,
              // What the score is: the spec's score of a declared
              // vulnerability, or one of aivss-gate's constructs.
              aivssBasis: agent.basisKind,
              severity: agent.severity,
            },
          }
        : {}),
    }
  })
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aivss-gate',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        ...(options.rootUri
          ? { originalUriBaseIds: { [SRCROOT]: { uri: options.rootUri } } }
          : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  }
}

/** One descriptor per active policy rule, and one for any other rule a finding names. */
function sarifRules(policy: ReportPolicy | undefined): SarifRule[] {
  if (!policy) return []
  const rules: SarifRule[] = policy.rules.map((rule) => ({
    id: rule.id,
    shortDescription: {
      text: sarifText(rule.description ?? `Policy rule ${rule.id}`),
    },
    fullDescription: {
      text: sarifText(
        `${rule.description ?? `Policy rule ${rule.id}`}. Action: ${rule.action}; from ${rule.source}.`,
      ),
    },
    defaultConfiguration: {
      level: rule.action === 'fail' ? 'error' : 'warning',
    },
    properties: {
      tags: ['security', 'ai-agent', 'aivss'],
      source: rule.source,
    },
  }))
  const known = new Set(rules.map((r) => r.id))
  for (const f of [...policy.violations, ...policy.excepted]) {
    if (known.has(f.rule)) continue
    known.add(f.rule)
    rules.push({
      id: f.rule,
      shortDescription: { text: sarifText(f.description ?? f.rule) },
      fullDescription: {
        text:
          f.rule === 'manifest-errors'
            ? 'A manifest could not be read; the policy setting manifest-errors decides what that does to the verdict.'
            : sarifText(f.description ?? f.rule),
      },
      defaultConfiguration: {
        level: f.action === 'fail' ? 'error' : 'warning',
      },
      properties: {
        tags: ['security', 'ai-agent', 'aivss'],
        source: policy.chain[0] ?? '',
      },
    })
  }
  return rules
}

/** SARIF message text: inert plain text, bounded, with `[` `]` escaped (they would be links). */
function sarifText(text: string): string {
  return inertText(text, 1000).replace(/[\\[\]]/g, (c) => `\\${c}`)
}
