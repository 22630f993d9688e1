import {
  addNote,
  cite,
  isCredentialName,
  newProfile,
  readWith,
  rejected,
  splitPath,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Reading,
} from '../../manifest/kit.js'
import { LangGraphConfig, type Graph, type Ttl } from './schema.js'

const ID = 'langgraph'

export function mapLangGraph(file: ManifestFile): FormatResult {
  const read = readWith(file, 'json', LangGraphConfig)
  if (!read.ok) return read.result
  const config = read.data
  const graphs = config?.graphs ?? []
  if (!config || graphs.length === 0)
    return rejected('not a LangGraph configuration: no graphs map')
  const { dir } = splitPath(file.path)
  const agents = graphs.map(([name, graph]) => {
    const line = read.lineOf(['graphs', name])
    const profile = newProfile({
      name,
      format: ID,
      file: file.path,
      line: line ?? 1,
    })
    cite(profile, 'name', line)
    readGraph(profile, graph, dir)
    readServer(profile, config, read)
    return profile
  })
  return { agents, problems: read.problems, document: read.doc }
}

function readGraph(profile: AgentProfile, graph: Graph, dir: string): void {
  if (graph.spec) profile.description = graph.description
  const target = graph.path
  if (!target) {
    addNote(profile, 'the graph entry gives no code path')
    return
  }
  const cut = target.lastIndexOf(':')
  const path = cut > 0 ? target.slice(0, cut) : target
  const variable = cut > 0 ? target.slice(cut + 1) : undefined
  const where = `${dir}${path.replace(/^\.\//, '')}`
  addNote(
    profile,
    `the graph is defined in code at ${where}${variable ? ` (${variable})` : ''}; no tools, model or sub-agents are declared in langgraph.json`,
  )
}

/** What the server adds to every graph it serves. */
function readServer(
  profile: AgentProfile,
  config: LangGraphConfig,
  read: Reading<unknown>,
): void {
  profile.triggers.push('api')
  profile.exposure.channels.push('langgraph-api')
  readMemory(profile, config, read)
  readAuth(profile, config, read)
  readEnv(profile, config, read)
  readHttp(profile, config)
  if (config.dockerfile_lines > 0) {
    addNote(profile, 'the server image adds its own Dockerfile lines')
  }
}

function ttlNote(ttl: Ttl): string {
  if (!ttl) return ''
  const minutes = ttl.default_ttl
  return minutes !== undefined ? ` (TTL ${minutes} min)` : ' (with a TTL)'
}

function readMemory(
  profile: AgentProfile,
  { store, checkpointer }: LangGraphConfig,
  read: Reading<unknown>,
): void {
  const threads = checkpointer
    ? [`checkpointer${ttlNote(checkpointer.ttl)}`]
    : []
  if (store) {
    const { index } = store
    const embed = index?.embed
    profile.memory = {
      kind: 'persistent',
      stores: [
        `langgraph store${index ? ` with semantic index${embed ? ` (${embed})` : ''}` : ''}${ttlNote(store.ttl)}`,
        ...threads,
      ],
      writable: true,
    }
    cite(profile, 'memory', read.lineOf(['store']))
    return
  }
  profile.memory = { kind: 'session', stores: threads }
  cite(profile, 'memory', read.lineOf(['checkpointer']))
  addNote(
    profile,
    'the LangGraph server persists thread state; a cross-thread store is available to the graph code even though none is configured here',
  )
}

function readAuth(
  profile: AgentProfile,
  { auth }: LangGraphConfig,
  read: Reading<unknown>,
): void {
  if (auth?.path) {
    profile.controls.authentication = true
    profile.identity.authSchemes.push('custom')
    cite(profile, 'controls.authentication', read.lineOf(['auth']))
    addNote(
      profile,
      `requests are authenticated by the custom handler ${auth.path}`,
    )
  } else {
    addNote(
      profile,
      'no custom auth handler (auth.path): who may call the graph depends on the deployment',
    )
  }
  if (auth?.disable_studio_auth === true) {
    addNote(
      profile,
      'auth.disable_studio_auth: LangGraph Studio bypasses the auth handler',
    )
  }
}

function readEnv(
  profile: AgentProfile,
  { env }: LangGraphConfig,
  read: Reading<unknown>,
): void {
  if (env.file !== undefined) {
    addNote(profile, `environment (and any secrets) come from ${env.file}`)
    return
  }
  const names = env.names.filter(isCredentialName)
  profile.identity.credentials.push(...names)
  if (names.length > 0) cite(profile, 'identity', read.lineOf(['env']))
}

function readHttp(profile: AgentProfile, { http }: LangGraphConfig): void {
  if (!http) return
  if (http.app) {
    addNote(
      profile,
      `custom HTTP routes from ${http.app} are served next to the graphs`,
    )
  }
  if ((http.cors?.allow_origins ?? []).includes('*')) {
    addNote(profile, 'CORS allows any origin (allow_origins "*")')
  }
}
