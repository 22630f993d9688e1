import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { prefetchHeads } from '../../src/core/discovery/head-prefetch.js'
import {
  NO_FOLLOW,
  readDiscovered,
} from '../../src/core/discovery/read-file.js'
import { directorySource } from '../../src/core/discovery/source.js'
import { SNIFF_BYTES } from '../../src/core/pipeline/read-manifests.js'
import { scan } from '../../src/core/scan.js'
import { tempTree } from '../support/files.js'

const HEAD = 64

/** Files of every kind a head read can meet, and what each should give. */
function oddFiles(): { root: string; paths: string[] } {
  const root = tempTree({
    'empty.json': '',
    'small.json': '{ "a": 1 }\n',
    'exact.json': 'x'.repeat(HEAD),
    'long.yaml': `name: ${'y'.repeat(HEAD * 3)}\n`,
    // A multi-byte character cut by the head's end is held back, not an error.
    'cut.md': `${'z'.repeat(HEAD - 1)}é and more`,
    'binary.json': 'ab\0cd',
    'dir.json/inner.txt': 'not a file at dir.json',
  })
  writeFileSync(join(root, 'latin1.yaml'), Buffer.from([0x6e, 0x3a, 0xe9]))
  symlinkSync(join(root, 'small.json'), join(root, 'link.json'))
  const paths = [
    'binary.json',
    'cut.md',
    'dir.json',
    'empty.json',
    'exact.json',
    'gone.json',
    'latin1.yaml',
    'link.json',
    'long.yaml',
    'small.json',
  ]
  return { root, paths }
}

describe('prefetchHeads', () => {
  it('gives for every kind of file what a read on the main thread gives', () => {
    const { root, paths } = oddFiles()
    const prefetch = prefetchHeads(root, paths, HEAD, NO_FOLLOW, 0)
    expect(prefetch).toBeDefined()
    const taken = paths.map((p) => prefetch?.take(p))
    const direct = paths.map((p) => readDiscovered(root, p, 1024, HEAD))
    expect(prefetch?.stop()).toBe(paths.length)
    expect(taken).toEqual(direct)
    // The cases really differ from one another.
    expect(new Set(direct.map((d) => JSON.stringify(d))).size).toBe(
      paths.length,
    )
  })

  it('spans batches closed by file count and by bytes, and waits when far ahead', () => {
    // 2,600 small files make three batches by count; 1,200 full heads of
    // 16 KiB are over the 16 MiB the thread may hold ahead, so it must wait
    // for the main thread and carry on.
    const files: Record<string, string> = {}
    const paths: string[] = []
    for (let i = 0; i < 2600; i++) {
      const path = `small/${String(i).padStart(4, '0')}.json`
      files[path] = `{ "n": ${i} }\n`
      paths.push(path)
    }
    const big = 'b'.repeat(SNIFF_BYTES + 10)
    for (let i = 0; i < 1200; i++) {
      const path = `big/${String(i).padStart(4, '0')}.yaml`
      files[path] = `${i}${big}`
      paths.push(path)
    }
    const root = tempTree(files)
    const prefetch = prefetchHeads(root, paths, SNIFF_BYTES, NO_FOLLOW, 0)
    expect(prefetch).toBeDefined()
    for (const [i, path] of paths.entries()) {
      const head = prefetch?.take(path)
      if (!head?.ok) throw new Error(`no head for ${path}`)
      if (i < 2600) expect(head.text).toBe(files[path])
      else {
        expect(head.text).toBe((files[path] as string).slice(0, SNIFF_BYTES))
        expect(head.complete).toBe(false)
      }
    }
    prefetch?.stop()
  })

  it('leaves to the caller what it cannot give: unknown, passed or after stop', () => {
    const { root, paths } = oddFiles()
    const prefetch = prefetchHeads(root, paths, HEAD, NO_FOLLOW, 0)
    expect(prefetch?.take('not-asked.json')).toBeUndefined()
    // Out of order: each answer is either left to the caller or right.
    for (const path of [...paths].reverse()) {
      const head = prefetch?.take(path)
      if (head !== undefined)
        expect(head).toEqual(readDiscovered(root, path, 1024, HEAD))
    }
    prefetch?.stop()
    expect(prefetch?.take('small.json')).toBeUndefined()
  })

  it('starts no thread for few files', () => {
    const { root, paths } = oddFiles()
    expect(prefetchHeads(root, paths, HEAD, NO_FOLLOW)).toBeUndefined()
    expect(prefetchHeads(root, [], HEAD, NO_FOLLOW, 0)).toBeUndefined()
  })
})

describe('a scan with heads read ahead', () => {
  it('gives the same result as one that reads them on the main thread', () => {
    const files: Record<string, string> = {
      '.claude/agents/reviewer.md':
        '---\nname: reviewer\ndescription: Reviews code.\ntools: Read, Bash\n---\nYou review.\n',
      'agents/helper.aivss.yml': 'name: helper\ntools: [web_search]\n',
    }
    for (let i = 0; i < 300; i++) {
      files[`config/service${i}.json`] = `{ "name": "service-${i}" }\n`
      files[`deploy/service${i}.yaml`] = `kind: Deployment\nname: s${i}\n`
    }
    // Generic names that are manifests after all, among the rest.
    files['flows/support.json'] = JSON.stringify({
      name: 'support',
      nodes: [
        {
          type: '@n8n/n8n-nodes-langchain.agent',
          name: 'Agent',
          parameters: { options: { systemMessage: 'You help.' } },
        },
        { type: 'n8n-nodes-base.executeCommand', name: 'Shell' },
      ],
      connections: {},
    })
    files['binary.json'] = 'x\0y'
    const root = tempTree(files)
    mkdirSync(join(root, 'deep'))
    symlinkSync(join(root, 'config'), join(root, 'deep/config.json'))
    const run = (minimum: number) =>
      scan({
        root,
        settings: DEFAULT_SCORING,
        source: directorySource(root, minimum),
      })
    const ahead = run(0)
    const direct = run(Number.POSITIVE_INFINITY)
    expect(ahead).toEqual(direct)
    expect(ahead.assessments.map((a) => a.profile.name)).toContain('helper')
    expect(ahead.manifests.map((m) => m.path)).toContain('flows/support.json')
    expect(ahead.notManifests.length).toBe(600)
  })
})
