import {
  addCredential,
  addNote,
  addTool,
  cite,
  isPlaceholder,
  readSampling,
  type AgentProfile,
  type Reading,
} from '../../manifest/kit.js'
import { functionTool } from './map-tools.js'
import type { FunctionChoice, Model } from './schema.js'

/** Built-in agent types and the model provider behind each. */
export const AGENT_TYPES: ReadonlyMap<string, string | undefined> = new Map([
  ['chat_completion_agent', undefined],
  ['foundry_agent', 'azure-ai-foundry'],
  ['azure_ai_agent', 'azure-ai-foundry'],
  ['azureai_agent', 'azure-ai-foundry'],
  ['openai_assistant', 'openai'],
  ['azure_assistant', 'azure-openai'],
  ['openai_responses', 'openai'],
  ['azure_responses', 'azure-openai'],
  ['bedrock_agent', 'aws-bedrock'],
  ['copilot_studio_agent', 'copilot-studio'],
])

export function readModel(
  profile: AgentProfile,
  model: Model | undefined,
  type: string,
  read: Reading<unknown>,
): void {
  const provider = AGENT_TYPES.get(type)
  if (provider) profile.model.provider = provider
  if (!model) {
    if (type === 'chat_completion_agent')
      addNote(
        profile,
        'no model: the chat completion service registered in the kernel decides',
      )
    return
  }
  cite(profile, 'model', read.lineOf(['model']))
  const { id } = model
  if (id !== undefined) profile.model.name = id
  const options = model.options ?? model.configuration
  readSampling(profile.model, options)
  if (id !== undefined && isPlaceholder(id)) {
    profile.model.unresolved = true
    addNote(
      profile,
      `model id ${id} is a setting resolved when the agent loads`,
    )
  }
  if (model.connection.some(([, value]) => isPlaceholder(value)))
    addNote(
      profile,
      'model connection is configured through settings resolved at load time',
    )
  readConnection(profile, model.connection)
  readFunctionChoice(profile, options?.function_choice_behavior, read)
}

/** Secret-bearing connection keys: the setting names, never the values. */
function readConnection(
  profile: AgentProfile,
  connection: ReadonlyArray<readonly [string, string]>,
): void {
  for (const [key, value] of connection) {
    if (!/key|secret|token|password|connection_string/i.test(key)) continue
    const setting = /^\$\{([^}]+)\}$/.exec(value.trim())?.[1]
    addCredential(profile, setting ?? key)
    if (!isPlaceholder(value) && value.trim() !== '')
      addNote(
        profile,
        `model.connection.${key} holds a literal secret in the manifest`,
      )
  }
}

function readFunctionChoice(
  profile: AgentProfile,
  behavior: FunctionChoice | undefined,
  read: Reading<unknown>,
): void {
  if (!behavior) return
  const mode = behavior.type
  const { functions } = behavior
  const attempts = behavior.maximum_auto_invoke_attempts
  if (attempts !== undefined) profile.autonomy.maxIterations = attempts
  if (mode === 'none') {
    addNote(profile, 'function_choice_behavior none: no function is offered')
    profile.allTools = false
  } else if (mode === 'required')
    addNote(
      profile,
      'function_choice_behavior required: the model must call a function',
    )
  // The line of `options`, also when the functions are under `configuration`.
  const line = read.lineOf([
    'model',
    'options',
    'function_choice_behavior',
    'functions',
  ])
  for (const fn of functions) {
    addTool(profile, functionTool(fn, undefined, line))
  }
  if (functions.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'tools', line)
  }
}
