import {
  addNote,
  checkWith,
  cite,
  newProfile,
  parseYamlDocument,
  problem,
  problemFrom,
  rejected,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import {
  linkAgents,
  readExposure,
  readExtras,
  readMemory,
  readDeployment,
  readSpec,
} from './map-agent.js'
import { readApproval, readTool } from './map-tools.js'
import { Resource, type AgentSpec, type Body } from './schema.js'

export const FORMAT = 'kagent-agent'
const API_GROUP = /^(api\.)?kagent\.dev\/v1alpha[123]$/

/** A document of the stream, read, with its lines. */
export interface Document {
  readonly read: Reading<unknown>
  readonly resource: Resource
}

/** The other resources of the file an agent may refer to, by name. */
export interface Context {
  readonly file: string
  readonly modelConfigs: ReadonlyMap<string, Document>
  readonly servers: ReadonlyMap<string, Document>
  readonly problems: Problem[]
}

export function mapKagent(file: ManifestFile): FormatResult {
  const { documents, problems } = readDocuments(file)
  const agentDocs = documents.filter(
    ({ resource }) =>
      resource.agent !== undefined && API_GROUP.test(resource.apiVersion),
  )
  if (agentDocs.length === 0) {
    if (problems.length > 0) return { agents: [], problems }
    const kinds = [
      ...new Set(
        documents.map(
          ({ resource }) =>
            `${resource.kind || '?'} (${resource.apiVersion || '?'})`,
        ),
      ),
    ]
    return rejected(
      kinds.length > 0
        ? `Kubernetes manifest without a kagent Agent (found ${kinds.join(', ')})`
        : 'no kagent Agent resource',
    )
  }
  const context: Context = {
    file: file.path,
    modelConfigs: byName(
      documents.filter(
        ({ resource }) =>
          resource.kind === 'ModelConfig' &&
          /^kagent\.dev\//.test(resource.apiVersion),
      ),
    ),
    servers: byName(documents.filter(({ resource }) => resource.server)),
    problems,
  }
  const agents = agentDocs.map((document) => readAgent(context, document))
  linkAgents(agents)
  return {
    agents,
    problems,
    // An embedded aivss block must never apply to agents of other documents.
    document: agentDocs.length === 1 ? agentDocs[0]?.read.doc : undefined,
  }
}

/** Every document of the stream that parses to a mapping. */
function readDocuments(file: ManifestFile): {
  documents: Document[]
  problems: Problem[]
} {
  const problems: Problem[] = []
  const documents: Document[] = []
  for (const chunk of splitDocuments(file.text)) {
    if (!/^[ \t]*[^\s#]/m.test(chunk.text)) continue
    let doc: ParsedDocument
    try {
      doc = parseYamlDocument(chunk.text, file.path, chunk.lineOffset)
    } catch (error) {
      // Only a broken kagent document is this format's problem to report.
      if (/kagent\.dev/.test(chunk.text)) {
        const found = problemFrom(error, file.path)
        problems.push({
          ...found,
          line: Math.max(found.line ?? 1, chunk.lineOffset + 1),
        })
      }
      continue
    }
    // The schema is tolerant: it never fails, and reports nothing.
    const read = checkWith(file.path, doc, Resource)
    if (read.ok && read.data) documents.push({ read, resource: read.data })
  }
  return { documents, problems }
}

function byName(documents: readonly Document[]): Map<string, Document> {
  return new Map(documents.map((d) => [d.resource.name, d]))
}

/**
 * Splits a YAML stream at `---` and `...` lines, keeping each document's
 * first line so that its line numbers stay those of the file.
 */
function splitDocuments(
  text: string,
): Array<{ text: string; lineOffset: number }> {
  const lines = text.split('\n')
  const chunks: Array<{ text: string; lineOffset: number }> = []
  let current: string[] = []
  let start = 0
  lines.forEach((line, index) => {
    const marker = /^(---|\.\.\.)(?=\s|$)/.exec(line)
    if (!marker) {
      current.push(line)
      return
    }
    chunks.push({ text: current.join('\n'), lineOffset: start })
    start = index
    current = [line.slice(marker[0].length).replace(/^\s*(#.*)?$/, '')]
  })
  chunks.push({ text: current.join('\n'), lineOffset: start })
  return chunks
}

function readAgent(context: Context, document: Document): AgentProfile {
  const { read, resource } = document
  const spec = resource.agent as AgentSpec
  const { namespace } = resource
  const nameLine = read.lineOf(['metadata', 'name']) ?? read.lineOf(['kind'])
  if (!resource.name) {
    context.problems.push(
      problem(
        context.file,
        read.lineOf(['kind']),
        'an Agent needs metadata.name',
        {
          field: 'metadata.name',
          level: 'warning',
        },
      ),
    )
  }
  const profile = newProfile({
    name: resource.name || 'agent',
    format: FORMAT,
    file: context.file,
    line: nameLine ?? 1,
  })
  cite(profile, 'name', nameLine)
  profile.description = spec.description
  // v1alpha2 and v1alpha3 nest the agent under declarative (or byo); an
  // AgentTemplate, and v1alpha1, state it in spec itself.
  const v2 =
    /v1alpha[23]$/.test(resource.apiVersion) &&
    resource.kind !== 'AgentTemplate'
  const type = spec.type ?? (v2 ? 'Declarative' : undefined)
  const bodyPath: DataPath = v2
    ? type === 'BYO'
      ? ['spec', 'byo']
      : ['spec', 'declarative']
    : ['spec']
  const body: Body = v2 ? (type === 'BYO' ? spec.byo : spec.declarative) : spec
  if (resource.kind === 'SandboxAgent') readSandbox(profile, read)
  const at = (...path: DataPath): number | undefined =>
    read.lineOf([...bodyPath, ...path])
  readSpec(context, profile, body, { type, v2, at })
  body.tools.list.forEach((tool, index) =>
    readTool(context, profile, tool, at('tools', index), namespace),
  )
  if (body.tools.stated) cite(profile, 'tools', at('tools'))
  readApproval(profile, at('tools'))
  readMemory(profile, body.memory, at('memory'))
  readDeployment(profile, body.deployment, at('deployment'))
  readExposure(profile, body, namespace, resource.name, at('a2aConfig'))
  readExtras(profile, spec, body, at)
  return profile
}

/**
 * A SandboxAgent runs in a sandboxed actor (gVisor) that kagent creates
 * for it, whatever the manifest says otherwise: the host's own control.
 */
function readSandbox(profile: AgentProfile, read: Reading<unknown>): void {
  profile.controls.sandbox = true
  cite(profile, 'controls.sandbox', read.lineOf(['kind']))
  addNote(
    profile,
    'a SandboxAgent: kagent runs it in a sandboxed (gVisor) actor',
  )
}
