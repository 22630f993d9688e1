import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { scan } from '../../src/core/scan.js'
import { tempTree } from '../support/files.js'

describe('scan', () => {
  it('links sub-agents to the agent that lists them', () => {
    const root = tempTree({
      'team/lead.aivss.yml': 'name: lead\nsubAgents: [worker]\n',
      'team/worker.aivss.yml': 'name: worker\n',
      'other/worker.aivss.yml': 'name: worker\n',
    })
    const result = scan({ root, settings: DEFAULT_SCORING })
    const workers = result.assessments.filter(
      (a) => a.profile.name === 'worker',
    )
    expect(
      workers.map((w) => [w.profile.source.file, w.profile.parent]),
    ).toEqual([
      ['other/worker.aivss.yml', undefined],
      ['team/worker.aivss.yml', 'lead'],
    ])
    expect(workers[1]?.allFactors.multiAgentInteractions.rationale).toMatch(
      /sub-agent of lead/,
    )
  })

  it('applies a sidecar to the manifest beside it', () => {
    const root = tempTree({
      'bot.aivss.yml': 'name: bot\n',
      'bot.aivss.yml.aivss.yml':
        'aivss:\n  factors: { dynamicIdentity: 0.9 }\ncontrols: { logging: true }\n',
    })
    const result = scan({ root, settings: DEFAULT_SCORING })
    expect(result.problems).toEqual([])
    const bot = result.assessments[0]
    expect(bot?.allFactors.dynamicIdentity).toMatchObject({
      value: 0.9,
      declared: true,
    })
    expect(bot?.allFactors.dynamicIdentity.rationale).toBe(
      'declared in bot.aivss.yml.aivss.yml:2',
    )
    expect(bot?.profile.controls.logging).toBe(true)
  })

  it('lets sidecar values win over the manifest and reports unknown agent names', () => {
    const root = tempTree({
      'team.aivss.yml':
        'agents:\n  - name: a\n    aivss: { factors: { selfModification: 0.2 } }\n  - name: b\n',
      'team.aivss.yml.aivss.yml':
        'agents:\n  a: { aivss: { factors: { selfModification: 0.6 } } }\n  c: { controls: { sandbox: true } }\n',
    })
    const result = scan({ root, settings: DEFAULT_SCORING })
    const a = result.assessments.find((x) => x.profile.name === 'a')
    expect(a?.allFactors.selfModification.value).toBe(0.6)
    expect(a?.profile.aivss?.from).toEqual([
      'team.aivss.yml',
      'team.aivss.yml.aivss.yml',
    ])
    expect(result.problems).toMatchObject([
      { file: 'team.aivss.yml.aivss.yml', field: 'agents.c', line: 3 },
    ])
  })

  it('skips vendored trees, links, oversized and binary files with a reason', () => {
    const root = tempTree({
      'node_modules/pkg/x.aivss.yml': 'name: vendored\n',
      'big.aivss.yml': `name: big\ndescription: ${'x'.repeat(3 * 1024 * 1024)}\n`,
      'ok.aivss.yml': 'name: ok\n',
    })
    writeFileSync(
      join(root, 'bin.aivss.yml'),
      Buffer.from([0x6e, 0x00, 0x01, 0x02]),
    )
    mkdirSync(join(root, 'links'))
    symlinkSync('/etc', join(root, 'links/outside'))
    symlinkSync(join(root, 'ok.aivss.yml'), join(root, 'links/copy.aivss.yml'))
    const result = scan({ root, settings: DEFAULT_SCORING })
    expect(result.assessments.map((a) => a.profile.name)).toEqual(['ok'])
    expect(result.discovery.rejected).toEqual(
      expect.arrayContaining([
        {
          path: 'node_modules/',
          reason: 'node_modules/ is a vendored, generated or tool directory',
        },
        {
          path: 'links/outside',
          reason: 'symbolic link: not followed',
          entry: 'link',
        },
        {
          path: 'links/copy.aivss.yml',
          reason: 'symbolic link: not followed',
          entry: 'link',
        },
      ]),
    )
    const messages = Object.fromEntries(
      result.problems.map((p) => [p.file, p.message]),
    )
    // The link named like a manifest is reported; the one to /etc is not a
    // manifest name, so it stays in the --explain listing only.
    expect(messages['links/copy.aivss.yml']).toBe(
      'unreadable manifest: symbolic link: not followed',
    )
    expect(messages['links/outside']).toBeUndefined()
    expect(messages['big.aivss.yml']).toMatch(/over the 2\.0 MiB size cap/)
    expect(messages['bin.aivss.yml']).toMatch(/binary content/)
  })

  it('gives byte-identical results for the same input', () => {
    const root = tempTree({
      'a.aivss.yml': 'name: a\ntools: [shell]\n',
      'b.aivss.yml': 'name: b\nsubAgents: [a]\n',
    })
    const first = scan({ root, settings: DEFAULT_SCORING })
    const second = scan({ root, settings: DEFAULT_SCORING })
    expect(JSON.stringify(second.assessments)).toBe(
      JSON.stringify(first.assessments),
    )
  })
})

describe('a manifest of hostile size', () => {
  it('reads at most 256 of the files a manifest names, and says so', () => {
    const tools = Array.from({ length: 400 }, (_, i) => `  - tool${i}\n`)
    const root = tempTree({
      'agent.yaml': `spec_version: "0.1.0"\nname: wide\ntools:\n${tools.join('')}`,
      'tools/tool0.yaml': 'name: tool0\ndescription: Runs shell commands\n',
    })
    const result = scan({ root, settings: DEFAULT_SCORING })
    expect(result.assessments[0]?.profile.tools).toHaveLength(400)
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        file: 'agent.yaml',
        level: 'warning',
        message: expect.stringMatching(
          /^names \d+ other files to read; only the first 256 were read$/,
        ) as unknown,
      }),
    )
  })

  it('scores the first thousand agents of a file and reports the rest', () => {
    const agents = Array.from({ length: 1500 }, (_, i) => `  - name: a${i}\n`)
    const root = tempTree({ 'team.aivss.yml': `agents:\n${agents.join('')}` })
    const result = scan({ root, settings: DEFAULT_SCORING })
    expect(result.assessments).toHaveLength(1000)
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        file: 'team.aivss.yml',
        level: 'warning',
        message: 'declares 1500 agents; only the first 1000 are scored',
      }),
    )
  })
})
