import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import {
  readHeadsAhead,
  type HeadReader,
} from '../../src/core/discovery/head-prefetch.js'
import {
  readDiscovered,
  type ReadOutcome,
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

/** Drains a reader: the heads by index, and how many the thread read. */
function drained(reader: HeadReader | undefined): {
  heads: ReadOutcome[]
  fromThread: number
} {
  if (!reader) throw new Error('no thread started')
  const heads: ReadOutcome[] = []
  const fromThread = reader.drain((index, head) => {
    if (heads[index] !== undefined) throw new Error(`${index} given twice`)
    heads[index] = head
  })
  return { heads, fromThread }
}

/** Blocks the main thread, as parsing would. */
function busy(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

describe('readHeadsAhead', () => {
  it('gives for every kind of file what a read on the main thread gives', () => {
    const { root, paths } = oddFiles()
    const direct = paths.map((p) => readDiscovered(root, p, 1024, HEAD))
    const reader = readHeadsAhead(root, paths, HEAD, { minimum: 0 })
    busy(300)
    const { heads, fromThread } = drained(reader)
    expect(heads).toEqual(direct)
    expect(fromThread).toBe(paths.length)
    // The cases really differ from one another.
    expect(new Set(direct.map((d) => JSON.stringify(d))).size).toBe(
      paths.length,
    )
  })

  it('shares the files with the main thread, in batches closed by count and by bytes, and waits when far ahead', () => {
    // 1,200 full heads of 16 KiB come first: over the 16 MiB the thread may
    // hold ahead, so it must wait for the main thread and carry on. Then
    // 2,600 small files, several batches by count, which the main thread
    // also reads from the back.
    const files: Record<string, string> = {}
    const paths: string[] = []
    const big = 'b'.repeat(SNIFF_BYTES + 10)
    for (let i = 0; i < 1200; i++) {
      const path = `big/${String(i).padStart(4, '0')}.yaml`
      files[path] = `${i}${big}`
      paths.push(path)
    }
    for (let i = 0; i < 2600; i++) {
      const path = `small/${String(i).padStart(4, '0')}.json`
      files[path] = `{ "n": ${i} }\n`
      paths.push(path)
    }
    const root = tempTree(files)
    let readByMain = 0
    const reader = readHeadsAhead(root, paths, SNIFF_BYTES, {
      minimum: 0,
      readHead: (p) => {
        readByMain += 1
        return readDiscovered(root, p, 0, SNIFF_BYTES)
      },
    })
    busy(200)
    const { heads, fromThread } = drained(reader)
    expect(heads).toHaveLength(paths.length)
    for (const [i, path] of paths.entries()) {
      const head = heads[i]
      if (!head?.ok) throw new Error(`no head for ${path}`)
      const text = files[path] as string
      expect(head.text).toBe(text.slice(0, SNIFF_BYTES))
      expect(head.complete).toBe(text.length < SNIFF_BYTES)
    }
    expect(fromThread).toBeGreaterThan(1024)
    expect(fromThread + readByMain).toBe(paths.length)
  })

  it('reads everything on the main thread when the thread fails', () => {
    const { root, paths } = oddFiles()
    // A head size the thread cannot allocate makes it fail at once.
    const reader = readHeadsAhead(root, paths, -1, {
      minimum: 0,
      readHead: (p) => readDiscovered(root, p, 0, HEAD),
    })
    busy(300)
    const { heads, fromThread } = drained(reader)
    expect(fromThread).toBe(0)
    expect(heads).toEqual(paths.map((p) => readDiscovered(root, p, 0, HEAD)))
  })

  it('starts no thread for few files', () => {
    const { root, paths } = oddFiles()
    expect(readHeadsAhead(root, paths, HEAD)).toBeUndefined()
    expect(readHeadsAhead(root, [], HEAD, { minimum: 0 })).toBeUndefined()
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
