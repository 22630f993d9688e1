import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { annotationsFor } from '../../src/core/render/annotations.js'
import { pullRequestEvent, runAction } from '../support/action.js'
import { put } from '../support/files.js'
import { git } from '../support/git.js'
import { FakeGitHub } from '../support/github-server.js'
import { failingDescriptor, gateReport } from '../support/reports.js'

/**
 * File names are the pull request's text too: a path reaches the comment's
 * table, the summary, annotations (as the message and as the file they sit
 * on) and SARIF. Direction overrides, isolates and zero-width marks in a
 * name must not reorder or hide what a reviewer reads, and `GH-1`, `#1`,
 * `@team` in a name must not link or mention.
 */

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/u
const LINKED = [/\bgh-\d/i, /(?:^|[^\w&])#\d/, /@[A-Za-z0-9]/]

/** The text GitHub renders as prose: not code spans, not link targets. */
function rendered(markdown: string): string {
  return markdown.replace(/`[^`\n]*`/g, '').replace(/\]\([^)\s]*\)/g, ']')
}

let github: FakeGitHub
beforeAll(async () => {
  github = await new FakeGitHub().start()
})
afterAll(async () => {
  await github.stop()
})

describe('a manifest whose file name holds invisible marks and references', () => {
  it('reaches no channel with them', async () => {
    const workspace = join(mkdtempSync(join(tmpdir(), 'aivss-paths-')), 'ws')
    put(workspace, 'README.md', 'x\n')
    git(workspace, 'init', '-q', '-b', 'main')
    git(workspace, 'add', '-A')
    git(workspace, 'commit', '-q', '-m', 'base')
    const baseSha = git(workspace, 'rev-parse', 'HEAD')
    const file = 'agents/o\u202eps\u2066 GH-1 #2 @acme\u200b.aivss.yml'
    put(workspace, file, failingDescriptor('ops', 'runs things'))
    git(workspace, 'add', '-A')
    git(workspace, 'commit', '-q', '-m', 'head')
    const headSha = git(workspace, 'rev-parse', 'HEAD')
    const run = await runAction({
      workspace,
      event: pullRequestEvent(77, headSha, baseSha),
      apiUrl: github.url,
      inputs: {
        'github-token': 'write-token',
        'sarif-file': 'out.sarif',
      },
    })
    expect(run.code, run.stdout.slice(-2000)).toBe(1)
    const [comment] = github.thread(77)
    const sarif = readFileSync(join(workspace, 'out.sarif'), 'utf8')
    const sarifText = JSON.stringify(
      (JSON.parse(sarif) as { runs: { results: unknown[] }[] }).runs[0]
        ?.results,
    )
    expect(run.annotations.length).toBeGreaterThan(0)
    const annotations = run.annotations.flatMap((a) => [
      a.message,
      ...Object.values(a.properties),
    ])
    for (const [channel, text] of [
      ['comment', comment?.body ?? ''],
      ['summary', run.summary],
      ['annotations', annotations.join('\n')],
      ['log', run.stdout],
    ] as const) {
      expect(text, channel).not.toMatch(INVISIBLE)
      for (const pattern of LINKED)
        expect(rendered(text), channel).not.toMatch(pattern)
    }
    // SARIF is read by code scanning, which shows messages as markdown.
    const messages = [...sarifText.matchAll(/"text":"([^"]*)"/g)].map(
      (m) => m[1] ?? '',
    )
    for (const message of messages) expect(message).not.toMatch(INVISIBLE)
  }, 60_000)
})

describe('annotations on files whose names hide text', () => {
  it('sit on no file; the message names it visibly', () => {
    const policy = '.github/p\u2067olicy.yml'
    const report = gateReport(
      {
        'agents/o\u202eps.aivss.yml': failingDescriptor('ops'),
        [policy]:
          'version: 1\nextends: default\nexceptions:\n  - { rule: "*", agents: [nobody], reason: old, expires: 2020-01-01 }\n',
      },
      { policy },
    )
    const { annotations } = annotationsFor(report)
    expect(annotations.length).toBeGreaterThan(1)
    for (const a of annotations) {
      expect(a.file ?? '').not.toMatch(INVISIBLE)
      expect(a.message).not.toMatch(INVISIBLE)
    }
    expect(
      annotations.some((a) =>
        a.message.includes('agents/o<U+202E>ps.aivss.yml:1'),
      ),
    ).toBe(true)
    expect(annotations.some((a) => a.title.includes('exception'))).toBe(true)
  })
})
