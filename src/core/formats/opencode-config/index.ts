import {
  pathSegments,
  type FormatModule,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import { mapOpenCodeConfig } from './map.js'
import { mapMarkdownAgent } from './map-markdown.js'

/** OpenCode: `opencode.json(c)` and Markdown agents; see MAPPING.md. */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  if (/^opencode\.jsonc?$/i.test(name)) return 'yes'
  const parent = segments[segments.length - 2]
  if (
    segments[segments.length - 3] === '.opencode' &&
    (parent === 'agent' || parent === 'agents') &&
    /\.md$/i.test(name)
  )
    return 'yes'
  return /opencode\.jsonc?$/i.test(name) ? 'maybe' : 'no'
}

function sniff(head: string): boolean {
  if (/opencode\.ai\/config\.json/.test(head)) return true
  const permission =
    /"permission"\s*:/.test(head) &&
    /"(bash|edit|webfetch)"\s*:\s*("(allow|ask|deny)"|\{)/.test(head)
  const agents =
    /"agent"\s*:\s*\{/.test(head) &&
    /"mode"\s*:\s*"(primary|subagent|all)"/.test(head)
  return permission || agents
}

function parse(file: ManifestFile): FormatResult {
  return /\.md$/i.test(file.path)
    ? mapMarkdownAgent(file)
    : mapOpenCodeConfig(file)
}

const format: FormatModule = {
  id: 'opencode-config',
  title: 'OpenCode configuration',
  nameEndings: ['.json', '.jsonc', '.md'],
  matchPath,
  sniff,
  parse,
}
export default format
