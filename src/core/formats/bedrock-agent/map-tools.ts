import {
  addNote,
  addTool,
  cite,
  classifyTool,
  type AgentProfile,
  type ToolKind,
} from '../../manifest/kit.js'
import {
  short,
  type ActionGroupSpec,
  type AgentSpec,
  type KnowledgeBaseSpec,
} from './spec.js'

/**
 * What an agent can do: its action groups (functions, inline OpenAPI
 * operations, built-in signatures), the confirmation they ask for, and
 * its knowledge bases.
 */

/** The built-in action group signatures, by name (a Map: own keys only). */
const SIGNATURES = new Map<
  string,
  { kind: ToolKind; name: string; note: string }
>([
  [
    'AMAZON.CodeInterpreter',
    {
      kind: 'code-exec',
      name: 'CodeInterpreter',
      note: 'AMAZON.CodeInterpreter: the agent writes and runs code in an AWS-managed environment',
    },
  ],
  [
    'ANTHROPIC.Bash',
    {
      kind: 'shell',
      name: 'Bash',
      note: 'ANTHROPIC.Bash: the agent runs shell commands',
    },
  ],
  [
    'ANTHROPIC.TextEditor',
    {
      kind: 'file-write',
      name: 'TextEditor',
      note: 'ANTHROPIC.TextEditor: the agent edits files',
    },
  ],
  [
    'ANTHROPIC.Computer',
    {
      kind: 'browser',
      name: 'Computer',
      note: 'ANTHROPIC.Computer: the agent drives a desktop (computer use)',
    },
  ],
])

export function readActionGroup(
  profile: AgentProfile,
  group: ActionGroupSpec,
): void {
  cite(profile, 'tools', group.line)
  if (group.disabled) {
    addNote(profile, `action group ${group.name} is DISABLED`)
    return
  }
  if (group.signature === 'AMAZON.UserInput') {
    addNote(
      profile,
      'AMAZON.UserInput: the agent may stop to ask the user for missing information (not an approval step)',
    )
    return
  }
  const builtin = group.signature ? SIGNATURES.get(group.signature) : undefined
  if (builtin) {
    addTool(profile, {
      name: builtin.name,
      kind: builtin.kind,
      line: group.line,
      source: 'builtin',
    })
    addNote(profile, builtin.note)
    if (builtin.kind === 'code-exec' || builtin.kind === 'shell') {
      profile.autonomy.codeExecution = true
      cite(profile, 'autonomy', group.line)
    }
    return
  }
  if (group.returnControl) {
    addNote(
      profile,
      `action group ${group.name} returns control to the calling application, which runs its functions`,
    )
  }
  for (const fn of group.functions) {
    const confirmation = fn.confirmation.value
    const kind = classifyTool(fn.name, fn.description)
    addTool(profile, {
      name: fn.name,
      kind,
      description: fn.description,
      line: fn.line,
      requiresApproval: fn.confirmation.ref
        ? undefined
        : confirmation === 'ENABLED',
      readOnly: fn.readOnly,
      source: fn.source,
    })
  }
  if (group.opaqueSchema) {
    addTool(profile, {
      name: group.name,
      kind: classifyTool(group.name, group.description),
      description: group.description,
      line: group.line,
      source: 'openapi',
      wildcard: true,
    })
    addNote(
      profile,
      `action group ${group.name}: its API schema is ${group.opaqueSchema}, so its operations are not read`,
    )
  }
}

export function readApprovals(profile: AgentProfile, spec: AgentSpec): void {
  const functions = spec.actionGroups
    .filter((group) => !group.disabled)
    .flatMap((group) => group.functions)
  if (functions.length === 0) return
  const confirmed = functions.filter((f) => f.confirmation.value === 'ENABLED')
  const unconfirmed = functions.filter(
    (f) =>
      f.confirmation.value !== 'ENABLED' && f.confirmation.ref === undefined,
  )
  const line = spec.actionGroups.find((g) => g.functions.length > 0)?.line
  if (confirmed.length === functions.length) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', confirmed[0]?.confirmation.line)
  } else if (unconfirmed.length === functions.length) {
    profile.controls.humanApproval = false
    cite(profile, 'controls.humanApproval', line)
  }
  const silent = unconfirmed.filter(
    (f) => f.confirmation.value === undefined && f.readOnly !== true,
  )
  if (silent.length > 0) {
    addNote(
      profile,
      `${silent.map((f) => f.name).join(', ')} run without user confirmation (RequireConfirmation not set; Bedrock's default is DISABLED)`,
    )
  }
}

export function readKnowledgeBase(
  profile: AgentProfile,
  base: KnowledgeBaseSpec,
): void {
  if (base.disabled) return
  const id = base.id.value ?? short(base.id.ref ?? 'unknown')
  addTool(profile, {
    name: `knowledge base ${id}`,
    kind: 'search',
    description: base.description,
    line: base.line,
    readOnly: true,
    source: 'builtin',
  })
  cite(profile, 'tools', base.line)
}
