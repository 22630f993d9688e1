/**
 * LangGraph deployment configuration: `langgraph.json` (Python or
 * LangGraph.js), which names the graphs a LangGraph server serves.
 *
 * Mapping: one profile per entry of `graphs` (`"name": "./file.py:var"` or
 * `{path, description}`), named after the graph and cited at its line;
 * `store` → persistent, writable memory (semantic index and TTL noted);
 * `checkpointer` → thread memory (TTL noted); `auth.path` →
 * authentication true with a custom handler; `env` as a map → the names of
 * its credential-like variables; `http.app` and CORS → notes. Every graph
 * is served over the server's HTTP API (trigger api).
 *
 * Defaults: little is declared here. The graph itself — its tools, model,
 * prompts, interrupts and sub-agents — is defined in code at the path the
 * entry gives; each profile says so in a note instead of guessing. A
 * LangGraph server always persists each thread's state with its
 * checkpointer, so memory is at least "session" even when neither store
 * nor checkpointer is configured.
 */
import { isCredentialName } from '../manifest/credentials.js'
import { splitPath } from '../manifest/paths.js'
import { parseManifest, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asBoolean,
  asRecord,
  asString,
  asStrings,
  entriesOf,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import type { ParsedDocument } from '../parse/document.js'
import { addNote, cite, newProfile } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const ID = 'langgraph'

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const { name } = splitPath(path)
  if (/^langgraph(\.[\w-]+)?\.json$/i.test(name)) return 'yes'
  return /\.json$/i.test(name) ? 'maybe' : 'no'
}

/** A graphs map whose values point into code: `"./src/graph.py:graph"`. */
const GRAPHS =
  /"graphs"\s*:\s*\{\s*"[^"]+"\s*:\s*(\{[^}]*"path"\s*:\s*)?"[^"]*\.(py|[cm]?[jt]sx?):[A-Za-z_$]/

function sniff(head: string): boolean {
  return (
    GRAPHS.test(head) || /"\$schema"\s*:\s*"https?:\/\/langgra\.ph\//.test(head)
  )
}

const format: FormatModule = {
  id: ID,
  title: 'LangGraph (langgraph.json)',
  nameEndings: ['.json'],
  matchPath,
  sniff,
  parse: parseLangGraph,
}
export default format

function parseLangGraph(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'json')
  if (!parsed.ok) return parsed.result
  const doc = parsed.doc
  const root = asRecord(doc.value)
  const graphs = entriesOf(root?.graphs)
  if (!root || graphs.length === 0) {
    return rejected('not a LangGraph configuration: no graphs map')
  }
  const { dir } = splitPath(file.path)
  const agents = graphs.map(([name, entry]) => {
    const profile = newProfile({
      name,
      format: ID,
      file: file.path,
      line: doc.lineOf(['graphs', name]) ?? 1,
    })
    cite(profile, 'name', doc.lineOf(['graphs', name]))
    readGraph(profile, entry, dir)
    readServer(profile, root, doc)
    return profile
  })
  return { agents, problems: [], document: doc }
}

function readGraph(profile: AgentProfile, entry: unknown, dir: string): void {
  const spec = asRecord(entry)
  const target = asString(entry) ?? asString(spec?.path)
  if (spec) profile.description = asString(spec.description)
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

function readServer(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  profile.triggers.push('api')
  profile.exposure.channels.push('langgraph-api')
  readMemory(profile, root, doc)
  readAuth(profile, root, doc)
  readEnv(profile, root, doc)
  readHttp(profile, root)
  if ((asArray(root.dockerfile_lines)?.length ?? 0) > 0) {
    addNote(profile, 'the server image adds its own Dockerfile lines')
  }
}

function ttlNote(ttl: unknown): string {
  const record = asRecord(ttl)
  if (!record) return ''
  const minutes = record.default_ttl
  return typeof minutes === 'number' ? ` (TTL ${minutes} min)` : ' (with a TTL)'
}

function readMemory(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  const store = asRecord(root.store)
  const checkpointer = asRecord(root.checkpointer)
  const threads = checkpointer
    ? [`checkpointer${ttlNote(checkpointer.ttl)}`]
    : []
  if (store) {
    const index = asRecord(store.index)
    const embed = asString(index?.embed)
    profile.memory = {
      kind: 'persistent',
      stores: [
        `langgraph store${index ? ` with semantic index${embed ? ` (${embed})` : ''}` : ''}${ttlNote(store.ttl)}`,
        ...threads,
      ],
      writable: true,
    }
    cite(profile, 'memory', doc.lineOf(['store']))
    return
  }
  profile.memory = { kind: 'session', stores: threads }
  cite(profile, 'memory', doc.lineOf(['checkpointer']))
  addNote(
    profile,
    'the LangGraph server persists thread state; a cross-thread store is available to the graph code even though none is configured here',
  )
}

function readAuth(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  const auth = asRecord(root.auth)
  const path = asString(auth?.path)
  if (path) {
    profile.controls.authentication = true
    profile.identity.authSchemes.push('custom')
    cite(profile, 'controls.authentication', doc.lineOf(['auth']))
    addNote(profile, `requests are authenticated by the custom handler ${path}`)
  } else {
    addNote(
      profile,
      'no custom auth handler (auth.path): who may call the graph depends on the deployment',
    )
  }
  if (asBoolean(auth?.disable_studio_auth) === true) {
    addNote(
      profile,
      'auth.disable_studio_auth: LangGraph Studio bypasses the auth handler',
    )
  }
}

function readEnv(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  if (isRecord(root.env)) {
    const names = Object.keys(root.env).filter(isCredentialName)
    profile.identity.credentials.push(...names)
    if (names.length > 0) cite(profile, 'identity', doc.lineOf(['env']))
  } else if (typeof root.env === 'string') {
    addNote(profile, `environment (and any secrets) come from ${root.env}`)
  }
}

function readHttp(profile: AgentProfile, root: DataRecord): void {
  const http = asRecord(root.http)
  if (!http) return
  const app = asString(http.app)
  if (app) {
    addNote(
      profile,
      `custom HTTP routes from ${app} are served next to the graphs`,
    )
  }
  const origins = asStrings(asRecord(http.cors)?.allow_origins)
  if (origins.includes('*')) {
    addNote(profile, 'CORS allows any origin (allow_origins "*")')
  }
}
