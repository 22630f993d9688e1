import {
  frontMatterBlock,
  frontMatterKeys,
  pathSegments,
  type FormatModule,
} from '../../manifest/kit.js'
import { isClaudeAgentsPath, mapClaudeSubagent } from './map.js'
import { AGENT_KEYS, CLAUDE_MODEL, PAGE_KEYS } from './schema.js'

/**
 * `.claude/agents/` (any depth) is Claude Code's own; elsewhere a `*.md` is
 * a candidate the head decides, other harnesses' folders and well-known
 * documents left alone.
 */
function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  if (!/\.md$/i.test(name)) return 'no'
  if (/\.(agent|chatmode|prompt|instructions)\.md$/i.test(name)) return 'no'
  if (isClaudeAgentsPath(segments)) return 'yes'
  if (
    /^(readme|skill|changelog|license|contributing|claude|agents)\.md$/i.test(
      name,
    )
  )
    return 'no'
  const dirs = segments.slice(0, -1)
  if (
    dirs.some((d) =>
      /^(\.github|\.opencode|\.claude|\.cursor|commands|skills|node_modules)$/i.test(
        d,
      ),
    )
  )
    return 'no'
  return 'maybe'
}

/** Name, description and a key only a subagent has (or a plugin's agents/). */
function sniff(head: string, path: string): boolean {
  const keys = frontMatterKeys(head)
  if (!keys || !keys.has('name') || !keys.has('description')) return false
  if (keys.has('on')) return false
  if (PAGE_KEYS.some((k) => keys.has(k))) return false
  if (AGENT_KEYS.some((k) => keys.has(k))) return true
  const block = frontMatterBlock(head) ?? ''
  const model = /^model[ \t]*:(.*)$/m.exec(block)?.[1] ?? ''
  if (CLAUDE_MODEL.test(model.trim())) return true
  // A plugin's agents may have nothing but a name and a description.
  return /(^|\/)agents\/[^/]+\.md$/i.test(path)
}

/** Claude Code subagents, Markdown with front matter: see MAPPING.md. */
const format: FormatModule = {
  id: 'claude-code-subagent',
  title: 'Claude Code subagent',
  nameEndings: ['.md'],
  matchPath,
  sniff,
  parse: mapClaudeSubagent,
}
export default format
