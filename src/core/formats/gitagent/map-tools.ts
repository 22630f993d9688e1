import {
  addNote,
  addServerMemory,
  addTool,
  cite,
  classifyTool,
  frontMatterData,
  mcpServerTool,
  parseYamlDocument,
  problem,
  problemFrom,
  pushUnique,
  recordServerReading,
  type Tool,
  type ToolKind,
} from '../../manifest/kit.js'
import type { Context } from './context.js'
import { SkillFront, ToolFile, type Agent } from './schema.js'

/** The reference runtime's built-in tools, by their key. */
const BUILTIN_TOOLS: ReadonlyMap<
  string,
  { kind: ToolKind; readOnly?: boolean }
> = new Map([
  ['cli', { kind: 'shell' }],
  ['read', { kind: 'file-read', readOnly: true }],
  ['write', { kind: 'file-write' }],
  ['edit', { kind: 'file-write' }],
  ['memory', { kind: 'other' }],
  ['task_tracker', { kind: 'other' }],
  ['skill_learner', { kind: 'file-write' }],
  ['capture_photo', { kind: 'other', readOnly: true }],
])
const ALWAYS_BUILT_IN = ['cli', 'read', 'write', 'edit', 'memory']

export function readTools(ctx: Context, root: Agent): void {
  const { profile, doc } = ctx
  if (!root.tools.stated) {
    profile.allTools = true
    addNote(
      profile,
      `no tools list: the runtime gives its built-in tools (${ALWAYS_BUILT_IN.join(', ')}) and every tools/*.yaml`,
    )
    // The built-ins stand in the profile as a list would name them, so that
    // leaving the list out never gives less (the memory tool's memory).
    for (const name of ALWAYS_BUILT_IN)
      profile.tools.push(toolNamed(ctx, name, undefined))
    return
  }
  const list = root.tools.list
  if (!list) {
    ctx.problems.push(
      problem(
        ctx.file.path,
        doc.lineOf(['tools']),
        'tools must be a list of names',
        { field: 'tools' },
      ),
    )
    return
  }
  cite(profile, 'tools', doc.lineOf(['tools']))
  list.forEach(({ name }, index) => {
    const line = doc.lineOf(['tools', index]) ?? doc.lineOf(['tools'])
    if (name === undefined) {
      ctx.problems.push(
        problem(ctx.file.path, line, 'tool entry must be a name', {
          field: `tools[${index}]`,
          level: 'warning',
        }),
      )
      return
    }
    addTool(profile, toolNamed(ctx, name, line))
  })
  const listed = new Set(list.map((entry) => entry.label))
  const implicit = ALWAYS_BUILT_IN.filter((name) => !listed.has(name))
  if (implicit.length > 0 && listed.size > 0)
    addNote(
      profile,
      `the reference runtime also gives ${implicit.join(', ')} and every tools/*.yaml whatever the list says`,
    )
}

function toolNamed(ctx: Context, name: string, line: number | undefined): Tool {
  const { profile } = ctx
  const key = name.toLowerCase().replace(/-/g, '_')
  const builtin = BUILTIN_TOOLS.get(key)
  const definition = readToolFile(ctx, name)
  if (key === 'memory') {
    profile.memory.kind = 'persistent'
    profile.memory.writable = true
    pushUnique(profile.memory.stores, 'memory/MEMORY.md')
    cite(profile, 'memory', line)
  }
  if (key === 'skill_learner') {
    profile.autonomy.selfEditing = true
    addNote(profile, 'skill_learner writes new skills the agent loads later')
  }
  if (builtin && !definition)
    return {
      name,
      kind: builtin.kind,
      line,
      readOnly: builtin.readOnly,
      source: 'builtin',
    }
  if (!definition) {
    addNote(
      profile,
      `tool ${name} is listed but tools/${name}.yaml was not found: what it does is not known`,
    )
    return { name, kind: classifyTool(name), line, source: 'declared' }
  }
  return toolFromFile(ctx, name, definition, line)
}

/** `tools/<name>.yaml` (or `.yml`); unreadable YAML is a warning. */
function readToolFile(ctx: Context, name: string): ToolFile | undefined {
  for (const ext of ['yaml', 'yml']) {
    const path = `${ctx.dir}tools/${name}.${ext}`
    const text = ctx.file.readSibling(path)
    if (text === undefined) continue
    try {
      return ToolFile.parse(parseYamlDocument(text, path).value)
    } catch (error) {
      ctx.problems.push({ ...problemFrom(error, path), level: 'warning' })
      return undefined
    }
  }
  return undefined
}

function toolFromFile(
  ctx: Context,
  name: string,
  definition: ToolFile,
  line: number | undefined,
): Tool {
  const { description, annotations, implementation } = definition
  if (implementation)
    addNote(
      ctx.profile,
      `tool ${name} runs ${implementation.path ?? 'a script'} (${implementation.runtime ?? implementation.type ?? 'code'}); the manifest under-reports what it does`,
    )
  return {
    name,
    kind: classifyTool(name, description),
    description,
    line,
    requiresApproval: annotations?.requires_confirmation,
    readOnly: annotations?.read_only,
    source: implementation ? 'code' : 'declared',
  }
}

export function readMcpServers(ctx: Context, root: Agent): void {
  const { profile, doc } = ctx
  for (const [name, entry] of root.mcp_servers ?? []) {
    const reading = mcpServerTool(
      name,
      entry,
      doc.lineOf(['mcp_servers', name]),
    )
    if (reading.disabled) continue
    addTool(profile, reading.tool)
    recordServerReading(profile, reading)
    if (reading.memory) addServerMemory(profile, name)
    cite(profile, 'tools', doc.lineOf(['mcp_servers']))
  }
}

export function readSkills(ctx: Context, root: Agent): void {
  const { profile } = ctx
  if (root.skills.length === 0) {
    addNote(profile, 'no skills list: every skill under skills/ is loaded')
    return
  }
  for (const name of root.skills) {
    const path = `${ctx.dir}skills/${name}/SKILL.md`
    const front = SkillFront.parse(
      frontMatterData(ctx.file.readSibling(path), path),
    )
    profile.skills.push({ name, description: front?.description })
  }
}
