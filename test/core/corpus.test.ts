import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { scan, type ScanResult } from '../../src/core/scan.js'
import { FIXTURES } from '../support/files.js'

/**
 * The real-world corpus (copied into test/fixtures/formats/, names kept):
 * scanned as it is stored, with flattened names, every file must be read as
 * a manifest or rejected with a reason.
 */
const CORPUS_NAME = /^[^_]+__[^_].*__/

function corpusCopies(): string[] {
  const files: string[] = []
  for (const format of readdirSync(join(FIXTURES, 'formats'))) {
    for (const name of readdirSync(join(FIXTURES, 'formats', format))) {
      // Flattened copies are files; a skill's folder keeps its layout.
      const path = join(FIXTURES, 'formats', format, name)
      if (CORPUS_NAME.test(name) && statSync(path).isFile()) files.push(path)
    }
  }
  return files.sort()
}

function fates(result: ScanResult): Map<string, string> {
  const fate = new Map<string, string>()
  for (const m of result.manifests) fate.set(m.path, `read by ${m.format}`)
  for (const n of result.notManifests)
    fate.set(n.path, `not a manifest: ${n.reason}`)
  for (const r of result.discovery.rejected)
    fate.set(r.path, `skipped: ${r.reason}`)
  for (const p of result.problems)
    if (!fate.has(p.file)) fate.set(p.file, `problem: ${p.message}`)
  return fate
}

const NOT_MANIFESTS: Record<string, RegExp> = {
  'crewAIInc__crewAI-examples__kyb_crew.py':
    /skipped: name matches no manifest format/,
  'crewAIInc__crewAI-examples__kyb_tasks.yaml': /not a manifest: .*tasks/,
  'svcvit__Awesome-Dify-Workflow__json-repair.yml':
    /not a manifest: Dify workflow without agent nodes/,
  'n8n-io__n8n__GHC-7329_approval_buttons_in_editor_chat.json':
    /not a manifest: n8n workflow without an AI Agent node/,
  '0-sayed__dark-factory__AGENTS.md': /read by agents-md/,
  // Flattened away from its declarative agent: an API plugin is never an
  // agent on its own.
  'alexc-MSFT__healthpulse-agent__ai-plugin.json':
    /not a manifest: an API plugin that no declarative agent of its folder lists/,
}

function checkCorpus(root: string, files: readonly string[]): void {
  const result = scan({ root, settings: DEFAULT_SCORING })
  const fate = fates(result)
  const agents = new Map<string, string[]>()
  for (const a of result.assessments)
    agents.set(a.profile.source.file, [
      ...(agents.get(a.profile.source.file) ?? []),
      a.profile.format,
    ])
  for (const file of files) {
    const name = basename(file)
    const path = [...fate.keys()].find((p) => basename(p) === name)
    expect(path, `${name} was neither read nor rejected`).toBeDefined()
    const expected = NOT_MANIFESTS[name]
    if (expected) expect(fate.get(path ?? ''), name).toMatch(expected)
    else
      expect(
        agents.get(path ?? '')?.length ?? 0,
        `${name}: ${fate.get(path ?? '') ?? ''}`,
      ).toBeGreaterThan(0)
  }
}

describe('the real-world corpus', () => {
  it('profiles every corpus manifest and rejects the rest with a reason, under flattened names', () => {
    const files = corpusCopies()
    expect(files.length).toBeGreaterThanOrEqual(55)
    const root = mkdtempSync(join(tmpdir(), 'aivss-corpus-'))
    for (const file of files) {
      const format = basename(join(file, '..'))
      mkdirSync(join(root, format), { recursive: true })
      copyFileSync(file, join(root, format, basename(file)))
    }
    checkCorpus(root, files)
  })

  const shared = join(FIXTURES, '../../../shared/corpus')
  it.runIf(existsSync(shared))(
    'does the same on the shared corpus itself',
    () => {
      const files = readdirSync(shared, { recursive: true, encoding: 'utf8' })
        .filter((f) => CORPUS_NAME.test(basename(f)))
        .map((f) => join(shared, f))
      checkCorpus(shared, files)
    },
  )
})
