import {
  addNote,
  approvalOf,
  cite,
  citeDefault,
  CODEX_DEFAULTS,
  setApproval,
  settleApproval,
  unknownValue,
  type AgentProfile,
  type Problem,
} from '../../manifest/kit.js'
import type { Setting, Settings } from './map-settings.js'

const APPROVAL = ['untrusted', 'on-failure', 'on-request', 'never']
const SANDBOX = ['read-only', 'workspace-write', 'danger-full-access']

const sandboxMode = (
  settings: Settings,
): Setting<string | undefined> | undefined =>
  settings.get(['sandbox_mode'], (t) => t.sandbox_mode)

export function readSandbox(
  profile: AgentProfile,
  settings: Settings,
  problems: Problem[],
  file: string,
): void {
  const setting = sandboxMode(settings)
  const mode = setting?.value
  const line = setting?.line
  if (mode === undefined) {
    // Codex reads a project's config only when it trusts the project, and a
    // trusted project runs in the workspace-write sandbox by default.
    profile.controls.sandbox = true
    citeDefault(
      profile,
      'controls.sandbox',
      `host default: Codex runs commands in its ${CODEX_DEFAULTS.sandboxMode} sandbox`,
    )
    addNote(
      profile,
      "sandbox_mode not set: Codex's default workspace-write sandbox applies unless the user overrides it",
    )
    return
  }
  if (setting?.inherited)
    addNote(profile, `sandbox_mode ${mode} comes from ${setting.inherited}`)
  if (!SANDBOX.includes(mode)) {
    problems.push(unknownValue(file, line, 'sandbox_mode', mode, SANDBOX))
    return
  }
  profile.controls.sandbox = mode !== 'danger-full-access'
  cite(profile, 'controls.sandbox', line)
  if (mode === 'danger-full-access') {
    addNote(
      profile,
      'sandbox_mode danger-full-access: commands run with no sandbox, with full disk and network access',
    )
    return
  }
  if (mode === 'read-only') {
    addNote(
      profile,
      'sandbox_mode read-only: commands cannot change files or reach the network',
    )
    return
  }
  readWorkspaceWrite(profile, settings)
}

/** `[sandbox_workspace_write]`: network access and more writable roots. */
function readWorkspaceWrite(profile: AgentProfile, settings: Settings): void {
  const network = settings.get(
    ['sandbox_workspace_write', 'network_access'],
    (t) => t.sandbox_workspace_write?.network_access,
  )
  if (network?.value === true)
    addNote(
      profile,
      'sandbox_workspace_write.network_access: sandboxed commands may reach the network',
    )
  const roots =
    settings.get(
      ['sandbox_workspace_write', 'writable_roots'],
      (t) => t.sandbox_workspace_write?.writable_roots,
    )?.value ?? []
  if (roots.length > 0)
    addNote(profile, `it may also write to ${roots.join(', ')}`)
}

export function readApproval(
  profile: AgentProfile,
  settings: Settings,
  problems: Problem[],
  file: string,
): void {
  const setting = settings.get(['approval_policy'], (t) => t.approval_policy)
  const line = setting?.line
  const sandbox = sandboxMode(settings)?.value
  if (setting === undefined) {
    defaultApproval(profile, sandbox)
    return
  }
  cite(profile, 'autonomy', line)
  const policy = setting.value
  if (policy === undefined) {
    profile.autonomy.permissionMode = 'granular'
    addNote(
      profile,
      'approval_policy is a granular table: some requests ask, others are refused or allowed',
    )
    return
  }
  profile.autonomy.permissionMode = policy
  if (setting.inherited)
    addNote(
      profile,
      `approval_policy ${policy} comes from ${setting.inherited}`,
    )
  if (!APPROVAL.includes(policy)) {
    problems.push(unknownValue(file, line, 'approval_policy', policy, APPROVAL))
    return
  }
  const asks =
    policy === 'untrusted' || (policy !== 'never' && sandbox === 'read-only')
  for (const tool of profile.tools)
    if (tool.kind === 'shell' || tool.kind === 'file-write')
      tool.requiresApproval = asks
  const approval = approvalOf(profile.tools) ?? asks
  profile.controls.humanApproval = approval
  cite(profile, 'controls.humanApproval', line)
  addNote(
    profile,
    policy === 'never'
      ? 'approval_policy never: Codex never stops to ask'
      : policy === 'untrusted'
        ? 'approval_policy untrusted: commands other than known read-only ones ask first'
        : asks
          ? `approval_policy ${policy} with a read-only sandbox: every change asks first`
          : `approval_policy ${policy}: commands inside the sandbox run without asking`,
  )
}

/** No approval_policy: Codex's default, on-request. */
function defaultApproval(
  profile: AgentProfile,
  sandbox: string | undefined,
): void {
  if (sandbox === 'danger-full-access')
    profile.autonomy.permissionMode = sandbox
  // on-request: commands run unasked inside the sandbox and ask to leave
  // it; with no sandbox nothing stops them, with a read-only one every
  // change asks.
  const asks = sandbox === 'read-only'
  const source = `host default: Codex approval_policy ${CODEX_DEFAULTS.approvalPolicy}${
    asks
      ? ' with a read-only sandbox asks before every change'
      : sandbox === 'danger-full-access'
        ? ' with danger-full-access runs commands without asking'
        : ' runs commands inside the sandbox without asking'
  }`
  for (const tool of profile.tools)
    if (
      (tool.kind === 'shell' || tool.kind === 'file-write') &&
      tool.requiresApproval === undefined
    )
      setApproval(tool, asks, source)
  settleApproval(profile)
  addNote(
    profile,
    "approval_policy not set: Codex's default (on-request: asking before leaving the sandbox) applies unless the user overrides it",
  )
}
