// Pictures of the pull request comment, as GitHub shows it, for docs/.
//
//   npm run pictures
//
// For each case it builds a throwaway repository (examples/ as the base
// commit, the case's change as the head commit), runs the committed bundle's
// `scan --base HEAD~1 --format comment`, and writes docs/comment-<case>.md
// (the comment as posted, so a change to it shows in a diff) and
// docs/comment-<case>.png (that markdown rendered with GitHub's stylesheet
// and screenshotted by headless Chromium). Needs Debian's chromium package;
// dist/ is used as committed (`npm run bundle` rebuilds it).
import { execFileSync, spawnSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { marked } from 'marked'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const docs = join(root, 'docs')
const WIDTH = 920 // window; the comment body itself is 880 px, as on GitHub

// A missing browser is the one failure a reader can fix by themselves, so it
// gets one line instead of a stack trace.
const chromium = ['chromium', 'chromium-browser'].find(
  (name) => spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0,
)
if (!chromium) {
  console.error(
    "chromium not found: install Debian's chromium package (apt-get install -y chromium) and run again.",
  )
  process.exit(1)
}
// The comment leads with emoji (verdict, change, findings); without a colour
// emoji font they come out as empty boxes and the picture misleads.
const fonts = spawnSync('fc-list', { encoding: 'utf8' }).stdout ?? ''
if (!/emoji/i.test(fonts))
  console.warn(
    'warning: no emoji font: install fonts-noto-color-emoji, or the emoji show as boxes.',
  )

const agent = (name, description, tools, mode) =>
  [
    '---',
    `name: ${name}`,
    `description: ${description}`,
    `tools: ${tools}`,
    ...(mode ? [`permissionMode: ${mode}`] : []),
    '---',
    '',
    `You are the ${name} agent.`,
    '',
  ].join('\n')

const READER = '.claude/agents/reader.md'
const cases = [
  {
    name: 'no-agent-changed',
    head: { 'README.md': '# Example repository\n\nA typo fixed.\n' },
  },
  {
    name: 'agent-added',
    head: {
      '.claude/agents/deployer.md': agent(
        'deployer',
        'Deploys the service to production when asked.',
        'Bash, Read, Write',
        'bypassPermissions',
      ),
    },
  },
  {
    name: 'shell-given',
    base: {
      [READER]: agent(
        'reader',
        'Answers questions about the code.',
        'Read, Grep, Glob',
      ),
    },
    head: {
      [READER]: agent(
        'reader',
        'Answers questions about the code.',
        'Read, Grep, Glob, Bash',
        'bypassPermissions',
      ),
    },
  },
]

// No hooks or signing from the machine's git config: the throwaway
// repositories must come out the same everywhere.
const git = (cwd, ...args) =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=x',
      '-c',
      'user.email=x@example.com',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'core.hooksPath=/dev/null',
      ...args,
    ],
    { cwd, stdio: 'pipe' },
  )

const write = (dir, files) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

const commentFor = (work, spec) => {
  const repo = join(work, spec.name)
  cpSync(join(root, 'examples'), repo, { recursive: true })
  write(repo, spec.base ?? {})
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'base')
  write(repo, spec.head)
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'change')
  // Exit 1 means the policy failed, which two of the cases are about; only
  // an empty stdout is a real failure.
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'dist/cli.js'),
      'scan',
      repo,
      '--base',
      'HEAD~1',
      '--format',
      'comment',
    ],
    { encoding: 'utf8' },
  )
  if (!run.stdout) throw new Error(`scan failed (${run.status}): ${run.stderr}`)
  return run.stdout
}

const css = readFileSync(
  createRequire(import.meta.url).resolve(
    'github-markdown-css/github-markdown-light.css',
  ),
  'utf8',
)

// GitHub's comment body: the markdown-body class, 880 px wide with 16 px
// padding, white. The script records where the comment ends on <body>, which
// the first Chromium pass reads back so the screenshot fits the content
// (the page's scrollHeight would be at least the window's height).
const page = (markdown) => `<!doctype html>
<html><head><meta charset="utf-8">
<style>${css}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: 880px; margin: 0 auto; padding: 16px; }
</style></head>
<body><article class="markdown-body">${marked.parse(markdown, { gfm: true })}</article>
<script>
addEventListener('load', () => {
  const end = document.querySelector('.markdown-body').getBoundingClientRect().bottom
  document.body.dataset.height = Math.ceil(end)
})
</script></body></html>`

const browse = (...args) =>
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  )

const work = mkdtempSync(join(tmpdir(), 'aivss-pictures-'))
try {
  mkdirSync(docs, { recursive: true })
  for (const spec of cases) {
    const markdown = commentFor(work, spec)
    writeFileSync(join(docs, `comment-${spec.name}.md`), markdown)
    const html = join(work, `${spec.name}.html`)
    writeFileSync(html, page(markdown))
    const url = pathToFileURL(html).href
    // Same width in both passes, so the text wraps the same and the
    // measured height is the screenshot's.
    const dom = browse(
      '--virtual-time-budget=2000',
      `--window-size=${WIDTH},600`,
      '--dump-dom',
      url,
    )
    const height = Number(/data-height="(\d+)"/.exec(dom)?.[1])
    if (!height) throw new Error(`could not measure ${spec.name}`)
    const png = join(docs, `comment-${spec.name}.png`)
    browse(`--screenshot=${png}`, `--window-size=${WIDTH},${height}`, url)
    console.log(`${png} (${WIDTH}x${height})`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
