import {
  addNote,
  addTrigger,
  cite,
  isPlaceholder,
  pushUnique,
  type AgentProfile,
} from '../../manifest/kit.js'
import {
  shortType,
  walk,
  type Graph,
  type Reader,
  type WorkflowNode,
} from './map-workflow.js'

type Trigger = AgentProfile['triggers'][number]

const MESSAGE_TRIGGERS =
  /gmail|imap|email|slack|telegram|discord|whatsApp|microsoftTeams|outlook|twilio|mattermost/i

/** Trigger nodes upstream of the agent on `main` connections. */
export function readTriggers(
  reader: Reader,
  graph: Graph,
  profile: AgentProfile,
  agent: WorkflowNode,
): void {
  const upstream = walk(graph, agent.name, 'back')
  let manual = false
  for (const name of upstream) {
    const node = graph.nodes.get(name)
    if (!node || node.disabled) continue
    const trigger = triggerOf(node)
    if (!trigger) {
      manual ||= shortType(node.type) === 'manualTrigger'
      continue
    }
    addTrigger(profile, trigger)
    cite(profile, 'triggers', reader.doc.lineOf(node.path))
    readTriggerExposure(reader, profile, node)
  }
  if (manual && profile.triggers.length === 0) {
    addNote(profile, 'the workflow is started by hand from the editor')
  }
}

function triggerOf(node: WorkflowNode): Trigger | undefined {
  const type = shortType(node.type)
  if (type === 'chatTrigger') return 'chat'
  if (type === 'webhook' || type === 'formTrigger') return 'webhook'
  if (/^(scheduleTrigger|cron|interval)$/.test(type)) return 'schedule'
  if (type === 'mcpTrigger' || type === 'executeWorkflowTrigger') return 'api'
  if (type === 'manualTrigger') return undefined
  if (/Trigger$/.test(type) || type === 'emailReadImap') return 'event'
  return undefined
}

function readTriggerExposure(
  reader: Reader,
  profile: AgentProfile,
  node: WorkflowNode,
): void {
  const type = shortType(node.type)
  const line = reader.doc.lineOf(node.path)
  if (type === 'chatTrigger') {
    readChatTrigger(profile, node, line)
  } else if (type === 'webhook' || type === 'formTrigger') {
    pushUnique(
      profile.exposure.channels,
      type === 'webhook' ? 'webhook' : 'form',
    )
    profile.exposure.untrustedInput = true
    readTriggerAuth(profile, node, line, 'accepts calls without authentication')
    const path = node.params.trigger.path
    if (path && !isPlaceholder(path)) {
      profile.exposure.endpoint ??= `/webhook/${path}`
    }
  } else if (type === 'mcpTrigger') {
    pushUnique(profile.exposure.channels, 'mcp')
    readTriggerAuth(
      profile,
      node,
      line,
      'serves its tools without authentication',
    )
  } else if (MESSAGE_TRIGGERS.test(type)) {
    pushUnique(profile.exposure.channels, type.replace(/Trigger$/, ''))
    profile.exposure.untrustedInput = true
  }
}

/** The hosted chat is reachable by anyone only when `public` is true. */
function readChatTrigger(
  profile: AgentProfile,
  node: WorkflowNode,
  line: number | undefined,
): void {
  pushUnique(profile.exposure.channels, 'chat')
  if (node.params.trigger.public !== true) {
    profile.exposure.reach ??= 'internal'
    addNote(
      profile,
      `chat "${node.name}" is not public: only n8n users reach it`,
    )
    return
  }
  profile.exposure.reach = 'public'
  profile.exposure.untrustedInput = true
  readTriggerAuth(
    profile,
    node,
    line,
    'is public and asks for no authentication',
  )
}

/** `authentication` left out of the export is n8n's default: none. */
function readTriggerAuth(
  profile: AgentProfile,
  node: WorkflowNode,
  line: number | undefined,
  unauthenticated: string,
): void {
  const auth = node.params.trigger.authentication ?? 'none'
  setControl(profile, 'authentication', auth !== 'none', line)
  if (auth === 'none') {
    addNote(
      profile,
      `${shortType(node.type)} "${node.name}" ${unauthenticated}`,
    )
  }
}

function setControl(
  profile: AgentProfile,
  control: 'authentication' | 'humanApproval',
  value: boolean,
  line: number | undefined,
): void {
  // A control stated true anywhere on the path is not undone by another.
  if (profile.controls[control] === true) return
  profile.controls[control] = value
  cite(profile, `controls.${control}`, line)
}

/** `sendAndWait` nodes before or after the agent on its `main` path. */
export function readApprovalPath(
  reader: Reader,
  graph: Graph,
  profile: AgentProfile,
  agent: WorkflowNode,
): void {
  const path = [
    ...walk(graph, agent.name, 'back'),
    ...walk(graph, agent.name, 'forward'),
  ]
  for (const name of path) {
    const node = graph.nodes.get(name)
    if (
      !node ||
      node.disabled ||
      node.params.review.operation !== 'sendAndWait'
    ) {
      continue
    }
    const response = node.params.review.responseType ?? 'approval'
    if (response === 'approval') {
      setControl(profile, 'humanApproval', true, reader.doc.lineOf(node.path))
      addNote(
        profile,
        `"${node.name}" waits for a human approval on the agent's path; it does not gate the agent's own tool calls`,
      )
    } else {
      addNote(profile, `"${node.name}" waits for human input (${response})`)
    }
  }
}
