import { Validation } from '@cyclonedx/cyclonedx-library'
import * as Spec from '@cyclonedx/cyclonedx-library/Spec'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'

/**
 * The AI-BOM: CycloneDX 1.6, valid against the official schema (the
 * library's strict JSON validator), with every agent, its model, tools and
 * sub-agents.
 */
interface Property {
  readonly name: string
  readonly value: string
}
interface Entry {
  readonly type?: string
  readonly name: string
  readonly 'bom-ref': string
  readonly properties?: readonly Property[]
  readonly components?: readonly Entry[]
}
interface Bom {
  readonly specVersion: string
  readonly serialNumber: string
  readonly components: readonly Entry[]
  readonly services?: readonly Entry[]
  readonly dependencies: ReadonlyArray<{
    readonly ref: string
    readonly dependsOn?: readonly string[]
  }>
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)

async function schemaErrors(json: string): Promise<unknown> {
  return validator.validate(json)
}

const property = (entry: Entry, name: string): string | undefined =>
  entry.properties?.find((p) => p.name === `aivss-gate:${name}`)?.value

describe('the CycloneDX AI-BOM', () => {
  const bomRun = cli([
    'scan',
    'test/fixtures',
    '--format',
    'cyclonedx',
    '--warn-only',
  ])
  const jsonRun = cli([
    'scan',
    'test/fixtures',
    '--format',
    'json',
    '--warn-only',
  ])
  const bom = JSON.parse(bomRun.stdout) as Bom
  const report = JSON.parse(jsonRun.stdout) as {
    agents: Array<{
      id: string
      name: string
      tools: unknown[]
      subAgents: string[]
    }>
  }

  it('is CycloneDX 1.6 and valid against its schema', async () => {
    expect(bomRun.code).toBe(0)
    expect(bom.specVersion).toBe('1.6')
    expect(await schemaErrors(bomRun.stdout)).toBeNull()
    // The validator does reject: a BOM with a bad component type.
    const broken = structuredClone(bom) as unknown as {
      components: Array<{ type: string }>
    }
    broken.components[0]!.type = 'agent'
    expect(await schemaErrors(JSON.stringify(broken))).not.toBeNull()
  })

  it('lists every agent with its format, file, score and severity', () => {
    const agents = bom.components.filter((c) => property(c, 'kind') === 'agent')
    expect(agents).toHaveLength(report.agents.length)
    expect(agents.length).toBeGreaterThan(50)
    for (const agent of agents) {
      expect(agent.type).toBe('application')
      expect(property(agent, 'format')).toBeTruthy()
      expect(property(agent, 'file')).toBeTruthy()
      expect(Number(property(agent, 'aivss:score'))).toBeGreaterThanOrEqual(0)
      expect(property(agent, 'aivss:severity')).toMatch(
        /^(none|low|medium|high|critical)$/,
      )
      expect(
        agent.properties?.some((p) =>
          p.name.startsWith('aivss-gate:aivss:factor:'),
        ),
      ).toBe(true)
    }
  })

  it('links each agent to its model, every tool and its sub-agents', () => {
    const dependsOn = new Map(
      bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]),
    )
    const services = new Map((bom.services ?? []).map((s) => [s['bom-ref'], s]))
    const components = new Map(bom.components.map((c) => [c['bom-ref'], c]))
    const agents = bom.components.filter((c) => property(c, 'kind') === 'agent')
    let tools = 0
    const byRef = new Map(report.agents.map((a) => [`agent:${a.id}`, a]))
    for (const agent of agents) {
      const refs = dependsOn.get(agent['bom-ref']) ?? []
      const own = refs.filter((r) => services.has(r))
      expect(own.length).toBe(byRef.get(agent['bom-ref'])?.tools.length)
      tools += own.length
      for (const ref of own)
        expect(property(services.get(ref)!, 'tool:kind')).toBeTruthy()
      for (const ref of refs.filter((r) => components.has(r))) {
        const target = components.get(ref)!
        expect(['agent', 'model']).toContain(property(target, 'kind'))
      }
    }
    expect(tools).toBeGreaterThan(100)
    const models = bom.components.filter(
      (c) => c.type === 'machine-learning-model',
    )
    expect(models.length).toBeGreaterThan(5)
    const delegating = agents.filter((a) =>
      (dependsOn.get(a['bom-ref']) ?? []).some(
        (r) => property(components.get(r) ?? ({} as Entry), 'kind') === 'agent',
      ),
    )
    expect(delegating.length).toBeGreaterThan(0)
  })

  it('gives MCP servers their transport and pinning', () => {
    const servers = (bom.services ?? []).filter(
      (s) => property(s, 'kind') === 'mcp-server',
    )
    expect(servers.length).toBeGreaterThan(5)
    for (const server of servers) {
      expect(property(server, 'mcp:transport')).toMatch(
        /^(stdio|http|sse|unknown)$/,
      )
      expect(property(server, 'pinned')).toMatch(/^(true|false|not stated)$/)
    }
    expect(servers.some((s) => property(s, 'pinned') === 'false')).toBe(true)
  })

  it('keeps credentials, query strings and hidden marks out', async () => {
    const repo = tempTree({
      '.mcp.json': JSON.stringify({
        mcpServers: {
          'evil\u202egnp.exe': {
            type: 'http',
            url: 'https://user:s3cret@mcp.example.com/v1?token=abc123#x',
          },
        },
      }),
    })
    const run = cli(['scan', '.', '--format', 'cyclonedx', '--warn-only'], repo)
    expect(await schemaErrors(run.stdout)).toBeNull()
    expect(run.stdout).not.toContain('s3cret')
    expect(run.stdout).not.toContain('abc123')
    expect(run.stdout).not.toContain('\u202e')
    expect(run.stdout).not.toContain(repo)
    const parsed = JSON.parse(run.stdout) as Bom
    const server = parsed.services?.find(
      (s) => property(s, 'kind') === 'mcp-server',
    )
    expect(server && property(server, 'mcp:endpoint')).toBe(
      'https://mcp.example.com/v1',
    )
  })

  it('gives the same report the same serial number, and another report another', () => {
    const again = JSON.parse(
      cli(['scan', 'test/fixtures', '--format', 'cyclonedx', '--warn-only'])
        .stdout,
    ) as Bom
    expect(again.serialNumber).toBe(bom.serialNumber)
    const other = JSON.parse(
      cli(['scan', 'examples', '--format', 'cyclonedx', '--warn-only']).stdout,
    ) as Bom
    expect(other.serialNumber).not.toBe(bom.serialNumber)
  })
})

describe('skills in the AI-BOM', () => {
  it('lists a skill no agent loads as a component of its own, with its tools', async () => {
    const repo = tempTree({
      'skills/release/SKILL.md':
        '---\nname: release\ndescription: Cuts releases\nallowed-tools: Bash(git:*) Read\n---\nRelease.\n',
    })
    const run = cli(['scan', '.', '--format', 'cyclonedx', '--warn-only'], repo)
    expect(await schemaErrors(run.stdout)).toBeNull()
    const bom = JSON.parse(run.stdout) as Bom
    const skill = bom.components.find((c) => property(c, 'kind') === 'skill')
    expect(skill?.name).toBe('release')
    expect(property(skill!, 'skill:risk')).toBe('high')
    expect(
      skill?.properties
        ?.filter((p) => p.name === 'aivss-gate:skill:tool')
        .map((p) => p.value),
    ).toEqual(['Bash(git:*) (shell)', 'Read (file-read)'])
  })
})
