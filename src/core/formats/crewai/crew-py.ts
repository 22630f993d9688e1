import type { ManifestFile } from '../../manifest/kit.js'

/**
 * crew.py, read as text and never run: the tool classes each `@agent`
 * method passes to `Agent(tools=...)`, its literal flags, the keyword
 * arguments of the `Crew(...)` call and the credentials read from the
 * environment.
 */

/**
 * Env vars crew.py reads that hold credentials. Narrower than the kit's
 * isCredentialName (no cookie, no bearer); kept so, since widening it would
 * change which names crews report.
 */
const CREDENTIAL_NAME = /key|token|secret|pass|auth|credential/i

export interface CodeAgent {
  readonly key: string
  readonly line: number
  readonly tools: ReadonlyArray<{ name: string; line: number }>
  readonly unresolved: readonly string[]
  readonly flags: ReadonlyMap<string, { value: string; line: number }>
}

export interface CrewCode {
  readonly path: string
  readonly className?: string
  readonly agents: readonly CodeAgent[]
  readonly crewFlags: ReadonlyMap<string, { value: string; line: number }>
  readonly credentials: readonly string[]
}

export function readCrewPy(
  file: ManifestFile,
  dir: string,
  prefix: string,
): CrewCode | undefined {
  const parent = dir.replace(/[^/]*\/$/, '')
  const candidates = [`${parent}crew.py`, `${dir}crew.py`]
  if (prefix) candidates.unshift(`${dir}${prefix}crew.py`)
  for (const path of new Set(candidates)) {
    const text = file.readSibling(path)
    if (text !== undefined) return readCrewCode(path, text)
  }
  return undefined
}

const AGENT_FLAGS: ReadonlyArray<readonly [string, RegExp]> = [
  ['allow_delegation', /\ballow_delegation\s*=\s*(True|False)\b/],
  ['allow_code_execution', /\ballow_code_execution\s*=\s*(True|False)\b/],
  ['code_execution_mode', /\bcode_execution_mode\s*=\s*["'](\w+)["']/],
  ['memory', /\bmemory\s*=\s*(True|False)\b/],
  ['reasoning', /\breasoning\s*=\s*(True|False)\b/],
  ['max_iter', /\bmax_iter\s*=\s*(\d+)/],
  // `llm="openai/gpt-4o"`, or a class built on a literal model:
  // `llm=Ollama("llama3.1")`, `llm=LLM(model="gpt-4o")`.
  [
    'llm',
    /\bllm\s*=\s*(?:\w+\(\s*(?:model(?:_name)?\s*=\s*)?)?["']([^"'\n]+)["']/,
  ],
  ['llm_class', /\bllm\s*=\s*(\w+)\(/],
]

const CREW_FLAGS: ReadonlyArray<readonly [string, RegExp]> = [
  ['process', /\bprocess\s*=\s*Process\.(\w+)/],
  ['memory', /\bmemory\s*=\s*(True|False)\b/],
  ['planning', /\bplanning\s*=\s*(True|False)\b/],
  ['manager_llm', /\bmanager_llm\s*=\s*["']([^"'\n]+)["']/],
  ['manager_agent', /\bmanager_agent\s*=\s*self\.(\w+)\s*\(/],
  ['output_log_file', /\boutput_log_file\s*=\s*(["'][^"'\n]*["']|True)/],
  ['max_rpm', /\bmax_rpm\s*=\s*(\d+)/],
]

/**
 * Reads crew.py as text. Only literal keyword arguments and simple
 * assignments are understood; anything computed is reported as unresolved.
 */
function readCrewCode(path: string, source: string): CrewCode {
  // Comments are not code: `# WebsiteSearchTool()` binds nothing.
  const lines = source.split(/\r?\n/).map(withoutComment)
  const text = lines.join('\n')
  const agents: CodeAgent[] = []
  lines.forEach((line, index) => {
    if (/^\s*@agent\b/.test(line)) {
      const agent = readCodeAgent(lines, index, text)
      if (agent) agents.push(agent)
    }
  })
  const credentials = new Set<string>()
  for (const match of text.matchAll(
    /os\.(?:environ\.get|getenv)\(\s*["'](\w+)["']|os\.environ\[\s*["'](\w+)["']\s*\]/g,
  )) {
    const name = match[1] ?? match[2]
    if (name && CREDENTIAL_NAME.test(name)) credentials.add(name)
  }
  return {
    path,
    className: /@CrewBase\s*\r?\n\s*class\s+(\w+)/.exec(text)?.[1],
    agents,
    crewFlags: readCrewCall(lines),
    credentials: [...credentials],
  }
}

function readCodeAgent(
  lines: readonly string[],
  decorator: number,
  text: string,
): CodeAgent | undefined {
  let defIndex = decorator + 1
  while (defIndex < lines.length && /^\s*@/.test(lines[defIndex] ?? '')) {
    defIndex += 1
  }
  const def = /^(\s*)def\s+(\w+)\s*\(/.exec(lines[defIndex] ?? '')
  if (!def) return undefined
  const indent = def[1]?.length ?? 0
  const body: Array<{ text: string; line: number }> = []
  for (let i = defIndex + 1; i < lines.length && body.length < 400; i++) {
    const line = lines[i] ?? ''
    if (line.trim() && (/^\s*/.exec(line)?.[0].length ?? 0) <= indent) break
    body.push({ text: line, line: i + 1 })
  }
  const joined = body.map((b) => b.text).join('\n')
  const key =
    /agents_config\s*\[\s*["']([^"'\n]+)["']\s*\]/.exec(joined)?.[1] ??
    def[2] ??
    ''
  const flags = new Map<string, { value: string; line: number }>()
  for (const [name, pattern] of AGENT_FLAGS) {
    const hit = body.find((b) => pattern.test(b.text))
    const value = hit ? pattern.exec(hit.text)?.[1] : undefined
    if (hit && value !== undefined) flags.set(name, { value, line: hit.line })
  }
  const toolsLine = body.find((b) => /\btools\s*=/.test(b.text))
  const expression = toolsLine
    ? toolsExpression(joined.slice(joined.search(/\btools\s*=/)))
    : undefined
  const resolved = expression ? resolveClasses(expression, text, 0) : undefined
  return {
    key,
    line: defIndex + 1,
    tools: (resolved?.classes ?? []).map((name) => ({
      name,
      line: toolsLine?.line ?? defIndex + 1,
    })),
    unresolved: resolved?.unresolved ?? [],
    flags,
  }
}

/**
 * A line without its `#` comment, the `#` inside a string kept; the line
 * stays, so line numbers do not move.
 */
function withoutComment(line: string): string {
  if (!line.includes('#')) return line
  let quote: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '#') return line.slice(0, i)
  }
  return line
}

/** The text after `tools=`: a bracketed list, or one expression. */
function toolsExpression(text: string): string {
  const rest = text.replace(/^tools\s*=\s*/, '')
  if (!rest.startsWith('[')) return /^[^,)\n]*/.exec(rest)?.[0] ?? ''
  let depth = 0
  for (let i = 0; i < rest.length && i < 4000; i++) {
    if (rest[i] === '[') depth += 1
    if (rest[i] === ']') depth -= 1
    if (depth === 0) return rest.slice(0, i + 1)
  }
  return rest.slice(0, 4000)
}

const PYTHON_WORDS = new Set([
  'self',
  'None',
  'True',
  'False',
  'for',
  'in',
  'if',
  'else',
  'and',
  'or',
  'not',
  'lambda',
])

/**
 * Tool classes an expression constructs: `SerperDevTool()` directly, or
 * through `self.x = …` and `name = …` assignments, a few steps deep. The
 * budget bounds the look-ups, whatever the file holds.
 */
function resolveClasses(
  expression: string,
  text: string,
  depth: number,
  budget = { left: 64 },
): { classes: string[]; unresolved: string[] } {
  const classes = new Set<string>()
  const unresolved: string[] = []
  for (const match of expression.matchAll(/\b([A-Z][A-Za-z0-9_]*)\s*\(/g)) {
    if (match[1]) classes.add(match[1])
  }
  for (const { ref, assignment } of referencesIn(expression)) {
    budget.left -= 1
    const rhs =
      depth < 3 && budget.left >= 0 ? assignment.exec(text)?.[1] : undefined
    const inner = rhs ? resolveClasses(rhs, text, depth + 1, budget) : undefined
    if (inner && inner.classes.length > 0) {
      inner.classes.forEach((c) => classes.add(c))
    } else {
      unresolved.push(ref)
    }
  }
  return { classes: [...classes], unresolved }
}

/** `self.x` and bare names an expression uses, with their assignment. */
function referencesIn(
  expression: string,
): Array<{ ref: string; assignment: RegExp }> {
  const withoutCalls = expression
    .replace(/(["'])(?:\\.|(?!\1)[^\\\n])*\1/g, '')
    .replace(/\b[A-Z][A-Za-z0-9_]*\s*\([^)]*\)/g, '')
  const attributes = [...withoutCalls.matchAll(/\bself\.(\w+)/g)]
    .map((m) => m[1] ?? '')
    .filter(Boolean)
  const names = [
    ...withoutCalls
      .replace(/\bself\.\w+(\.\w+)*/g, '')
      .matchAll(/(?<![.\w])([a-z_][A-Za-z0-9_]*)\b(?!\s*[(=])/g),
  ]
    .map((m) => m[1] ?? '')
    .filter((name) => name && !PYTHON_WORDS.has(name))
  return [
    ...[...new Set(attributes)].map((name) => ({
      ref: `self.${name}`,
      assignment: new RegExp(`\\bself\\.${name}\\s*=\\s*([^\\n]+)`),
    })),
    ...[...new Set(names)].map((name) => ({
      ref: name,
      assignment: new RegExp(`^\\s*${name}\\s*=\\s*([^\\n]+)`, 'm'),
    })),
  ]
}

function readCrewCall(
  lines: readonly string[],
): Map<string, { value: string; line: number }> {
  const flags = new Map<string, { value: string; line: number }>()
  const start = lines.findIndex((line) => /(?<![\w.])Crew\s*\(/.test(line))
  if (start < 0) return flags
  let depth = 0
  for (let i = start; i < lines.length && i < start + 200; i++) {
    const line = lines[i] ?? ''
    for (const [name, pattern] of CREW_FLAGS) {
      const value = pattern.exec(line)?.[1]
      if (value !== undefined && !flags.has(name)) {
        flags.set(name, {
          value: value.replace(/^["']|["']$/g, ''),
          line: i + 1,
        })
      }
    }
    depth += (line.match(/\(/g)?.length ?? 0) - (line.match(/\)/g)?.length ?? 0)
    if (depth <= 0 && i > start) break
    if (depth <= 0 && /\)/.test(line)) break
  }
  return flags
}
