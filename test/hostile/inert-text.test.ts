import { describe, expect, it } from 'vitest'
import { annotationsFor } from '../../src/core/render/annotations.js'
import { renderComment } from '../../src/core/render/comment.js'
import {
  htmlText,
  inertText,
  logText,
  mdCode,
  mdText,
  plainText,
} from '../../src/core/render/escape.js'
import { renderSarif } from '../../src/core/render/sarif.js'
import { renderJobSummary } from '../../src/core/render/summary.js'
import { renderText } from '../../src/core/render/text.js'
import { runAction } from '../support/action.js'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'
import { failingDescriptor, gateReport } from '../support/reports.js'

/**
 * What a manifest says reaches the pull request comment, the job summary,
 * annotations, SARIF and the workflow log. There it must not cross-reference
 * issues or commits, mention people, carry text nobody can see, or become a
 * workflow command.
 */

/** Code points that draw nothing or turn text around. */
export const INVISIBLE_CODE_POINTS = [
  0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x061c, 0x2060, 0x2061, 0x2062,
  0x2063, 0x2064, 0xfeff, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066,
  0x2067, 0x2068, 0x2069, 0x00ad, 0xe0041,
]
const INVISIBLE = new RegExp(
  `[${INVISIBLE_CODE_POINTS.map((c) => `\\u{${c.toString(16)}}`).join('')}]`,
  'u',
)

/** What GitHub links in markdown: issue and commit references, mentions, URLs. */
export const LINKED = [
  /\bgh-\d/i,
  /[\w.-]+\/[\w.-]+#\d/,
  /(?:^|[^\w&])#\d/,
  /[\w.-]+\/[\w.-]+@[0-9a-f]{7}/i,
  /@[A-Za-z0-9]/,
  /https?:\/\//i,
  /\bwww\./i,
]

function linked(text: string): RegExp[] {
  return LINKED.filter((pattern) => pattern.test(text))
}

const REFERENCES = [
  'see GH-123',
  'gh-7 and Gh-0042',
  '(GH-1)',
  'acme/agents#123',
  'fixes acme/other-repo#9',
  'acme/agents@a5c3785ed8d6a35868bc169f07e40e889087fd2e',
  'https://github.com/acme/agents/issues/1',
  'HTTPS://github.com/acme/agents/pull/2',
  'http://github.com/acme/agents/commit/a5c3785ed8d6a35868bc169f07e40e889087fd2e',
  'www.github.com/acme/agents/issues/3',
  '#123 and #4',
  '@octocat and @acme/security-team',
]

describe('references from manifests are inert', () => {
  for (const text of REFERENCES)
    it(`in markdown, HTML and plain text: ${text}`, () => {
      for (const escape of [mdText, htmlText, inertText])
        expect(linked(escape(text)), escape.name).toEqual([])
    })

  it('in the comment, the job summary, annotations and SARIF', () => {
    const name =
      'ops GH-12 acme/agents#34 https://github.com/acme/agents/issues/5'
    const report = gateReport({
      'agents/ops.aivss.yml': failingDescriptor(name, `${name} @octocat`),
    })
    const comment = renderComment(report).body
    const summary = renderJobSummary(report)
    const annotations = annotationsFor(report).annotations.map((a) => a.message)
    const sarif = JSON.stringify(renderSarif(report))
    for (const [channel, text] of [
      ['comment', comment.replace(/`[^`\n]*`/g, '')],
      ['summary', summary.replace(/`[^`\n]*`/g, '')],
      ['annotations', annotations.join('\n')],
      // The gate's own links (its schema, home page and rule help) are not
      // from manifests.
      [
        'sarif',
        sarif.replace(/"(?:\$schema|informationUri|helpUri)":"[^"]*"/g, ''),
      ],
    ] as const) {
      expect(text, channel).toMatch(/ops/)
      expect(linked(text), channel).toEqual([])
    }
  })
})

describe('invisible and direction-changing code points from manifests', () => {
  for (const code of INVISIBLE_CODE_POINTS) {
    const char = String.fromCodePoint(code)
    const hex = code.toString(16).toUpperCase().padStart(4, '0')
    it(`U+${hex} is shown, never passed on`, () => {
      for (const escape of [
        mdText,
        htmlText,
        mdCode,
        plainText,
        inertText,
        logText,
      ]) {
        const out = escape(`pay${char}roll`)
        expect(out, escape.name).not.toMatch(INVISIBLE)
        expect(out, escape.name).toContain(`U+${hex}`)
      }
    })
  }

  it('reach none of the four channels', () => {
    const hidden = INVISIBLE_CODE_POINTS.map((c) => String.fromCodePoint(c))
    const report = gateReport({
      'agents/ops.aivss.yml': failingDescriptor(
        `ops${hidden.join('')}`,
        `safe${hidden.join('x')}`,
      ),
    })
    const channels = {
      comment: renderComment(report).body,
      summary: renderJobSummary(report),
      annotations: JSON.stringify(annotationsFor(report)),
      sarif: JSON.stringify(renderSarif(report)),
      text: renderText(report),
    }
    for (const [channel, text] of Object.entries(channels)) {
      expect(text, channel).toContain('ops')
      expect(text, channel).not.toMatch(INVISIBLE)
      // JSON writes them as they are; an escaped form would be no better.
      expect(text, channel).not.toMatch(/\\u200[b-f]|\\u061c|\\ufeff/i)
    }
  })
})

/** The lines of the output the runner would read a command from. */
function commandLines(output: string): string[] {
  return output
    .split(/\r\n|\r|\n/)
    .filter((line) => /^[\s\u0085]*::/.test(line) || line.includes('##['))
}

describe('workflow commands from manifests are inert', () => {
  const COMMANDS = [
    '::set-output name=result::pass',
    '::error::forged',
    '  ::add-mask::secret',
    ':::stop-commands::x',
    '::stop-commands::token',
    'see ##[set-output name=result;]pass',
    '###[error]forged',
    'a%0A::error::forged',
    'x\n::warning::forged',
    'x\r::warning::forged\r\n##[error]y',
    // The runner trims NEL (U+0085) too before it looks for '::'.
    '\u0085::error::nel',
  ]

  for (const text of COMMANDS)
    it(`in a log line, wrapped or not: ${JSON.stringify(text)}`, () => {
      for (const escape of [plainText, inertText, logText])
        expect(commandLines(escape(text)), escape.name).toEqual([])
      // Wherever a line may break at a space (the terminal report wraps).
      for (const piece of plainText(text).split(' '))
        expect(commandLines(piece)).toEqual([])
    })

  it('in the terminal report, which the CLI prints inside a workflow', () => {
    const report = gateReport({
      'agents/ops.aivss.yml': failingDescriptor(
        '::set-output name=result::pass',
        `${'word '.repeat(30)}::error::forged ##[add-mask]x`,
      ),
    })
    expect(commandLines(renderText(report))).toEqual([])
  })

  it('keeps %0A literal in annotation messages', () => {
    const report = gateReport({
      'agents/ops.aivss.yml': failingDescriptor('ops%0A::error::forged'),
    })
    // The first error is the verdict's; the agent's follows.
    const first = annotationsFor(report).annotations.find(
      (a) => a.title !== 'aivss-gate: policy failed',
    )
    expect(first!.message).toContain('ops%0A')
    expect(commandLines(first!.message)).toEqual([])
  })
})

describe('the CLI, run inside a workflow, prints no command', () => {
  // A file name may hold a new line; the name and description anything.
  const hostileTree = () =>
    tempTree({
      'agents/ops\n::error::forged-path.aivss.yml': failingDescriptor(
        '::set-output name=result::pass',
        '::warning::forged ##[add-mask]x',
      ),
      'agents/x\n::warning::skipped.aivss.yml': '\u0000binary',
    })

  for (const format of ['text', 'markdown', 'sarif', 'json'])
    it(`in --format ${format}, with --explain and --verbose`, () => {
      const run = cli([
        'scan',
        hostileTree(),
        '--format',
        format,
        '--explain',
        '--verbose',
      ])
      expect(run.code).toBe(1)
      // JSON and SARIF escape new lines inside strings; the text is one line each.
      expect(commandLines(run.stdout)).toEqual([])
      expect(commandLines(run.stderr)).toEqual([])
      expect(run.stdout + run.stderr).toMatch(/forged/)
      // The JSON report still holds the text as it was.
      if (format === 'json')
        expect(
          (
            JSON.parse(run.stdout) as {
              agents: Array<{ description?: string }>
            }
          ).agents[0]?.description,
        ).toBe('::warning::forged ##[add-mask]x')
    })
})

describe('emoji shortcodes', () => {
  it('stay text that renders, at most, as an emoji: no link, no markup', () => {
    const out = mdText(':rocket: :+1: :octocat: javascript:alert(1)')
    expect(out).not.toMatch(/[<>]/)
    expect(linked(out)).toEqual([])
  })
})

describe('dist/index.js prints manifest text inertly', () => {
  it('in annotations and the log: no forged command, no invisible text, no reference', async () => {
    const name =
      '::set-output name=result::pass GH-7 \u200bops\u202e ##[add-mask]x x%0A::error::forged'
    const workspace = tempTree({
      'agents/ops.aivss.yml': failingDescriptor(
        name,
        'x%0A::error::forged @octocat acme/agents#1',
      ),
    })
    const run = await runAction({ workspace, inputs: { 'warn-only': 'true' } })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('fail')
    for (const line of run.stdout.split(/\r\n|\r|\n/)) {
      const command = /^[\s\u0085]*::([^\s:]+)/.exec(line)?.[1]
      if (command !== undefined)
        expect(['error', 'warning', 'notice', 'debug', 'add-mask']).toContain(
          command,
        )
      expect(line).not.toContain('##[')
    }
    const messages = run.annotations.map((a) => a.message)
    expect(messages.some((m) => m.includes('ops'))).toBe(true)
    for (const message of messages) {
      expect(message).not.toMatch(INVISIBLE)
      expect(linked(message)).toEqual([])
      expect(message).not.toMatch(/\n/)
    }
    // Encoded by @actions/core and decoded by the runner: still literal.
    expect(messages.join('\n')).toContain('x%0A')
  })
})
