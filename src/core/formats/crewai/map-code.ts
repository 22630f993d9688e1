import {
  addCredential,
  addNote,
  addTool,
  classifyTool,
  modelFromName,
  type AgentProfile,
} from '../../manifest/kit.js'
import type { CodeAgent, CrewCode } from './crew-py.js'
import { setCodeExecution, setDelegation, setMemory } from './map-agent.js'
import type { Crew } from './map-crew.js'
import { crewaiToolKind } from './tools.js'

/** What crew.py binds in code, applied to the agents of the agents file. */
export function applyCode(
  agents: AgentProfile[],
  crew: Crew,
  code: CrewCode,
): void {
  crew.name = code.className
  const flag = (name: string): { value: string; line: number } | undefined =>
    code.crewFlags.get(name)
  const at = (line: number): string => `${code.path} line ${line}`
  const process = flag('process')
  crew.process = process?.value.toLowerCase() ?? 'sequential'
  crew.processAt = process ? at(process.line) : undefined
  const memory = flag('memory')
  if (memory) crew.memory = memory.value === 'True'
  if (flag('planning')?.value === 'True') crew.planning = true
  if (flag('output_log_file')) crew.logging = true
  if (flag('max_rpm')) crew.rateLimits = true
  const managerLlm = flag('manager_llm')?.value
  crew.managerModel =
    managerLlm === undefined ? undefined : { kind: 'name', name: managerLlm }
  const managerAgent = flag('manager_agent')?.value
  if (managerAgent) crew.manager = managerAgent
  crew.codeNote = `tools, process and memory are bound in code (${code.path}), read here by pattern only; the manifest may under-report`
  const byKey = new Map(agents.map((agent) => [agent.name, agent]))
  for (const codeAgent of code.agents) {
    const agent = byKey.get(codeAgent.key)
    if (!agent) continue
    applyCodeAgent(agent, codeAgent, at)
  }
  // Environment secrets read in crew.py go to the agents given code tools.
  for (const agent of agents) {
    if (!agent.tools.some((tool) => tool.source === 'code')) continue
    for (const credential of code.credentials) addCredential(agent, credential)
  }
  for (const codeAgent of code.agents) {
    if (!byKey.has(codeAgent.key)) {
      for (const agent of agents) {
        addNote(
          agent,
          `${code.path} defines agent ${codeAgent.key}, which the agents file does not declare`,
        )
      }
    }
  }
}

function applyCodeAgent(
  agent: AgentProfile,
  code: CodeAgent,
  at: (line: number) => string,
): void {
  for (const tool of code.tools) {
    const kind = crewaiToolKind(tool.name) ?? classifyTool(tool.name)
    addTool(agent, {
      name: tool.name,
      kind,
      line: undefined,
      source: 'code',
      wildcard: /Toolkit$|Tools$/.test(tool.name) ? true : undefined,
    })
    addNote(agent, `tool ${tool.name} is bound in code (${at(tool.line)})`)
  }
  for (const ref of code.unresolved) {
    addNote(
      agent,
      `tools from ${ref} are computed in code and could not be read (${at(code.line)})`,
    )
  }
  const flag = (name: string): string | undefined => code.flags.get(name)?.value
  if (flag('allow_delegation') !== undefined) {
    setDelegation(agent, flag('allow_delegation') === 'True', undefined)
  }
  if (flag('allow_code_execution') !== undefined) {
    setCodeExecution(
      agent,
      flag('allow_code_execution') === 'True',
      flag('code_execution_mode') ?? undefined,
      undefined,
      undefined,
    )
  }
  if (flag('memory') !== undefined) setMemory(agent, flag('memory') === 'True')
  if (flag('reasoning') === 'True') agent.autonomy.planning = true
  const llm = code.flags.get('llm')
  if (llm && !agent.model.name) {
    agent.model = modelFromName(llm.value)
    // The YAML named no llm; the code does.
    const stale = agent.notes.findIndex((note) => note.startsWith('no llm:'))
    if (stale >= 0) agent.notes.splice(stale, 1)
    addNote(
      agent,
      `llm set in code${flag('llm_class') ? ` (${flag('llm_class')})` : ''} (${at(llm.line)})`,
    )
  }
  const maxIter = Number(flag('max_iter'))
  if (Number.isFinite(maxIter) && flag('max_iter') !== undefined) {
    agent.autonomy.maxIterations = maxIter
  }
}
