import { parseYamlDocument, type ParsedDocument } from '../parse/document.js'

/**
 * Markdown with YAML front matter, the shape of Claude Code subagents,
 * Copilot custom agents and chat modes, OpenCode agents and others.
 */
export interface FrontMatterFile {
  /** The front matter, with line numbers of the whole file. */
  readonly document: ParsedDocument
  /** The markdown after the closing fence: usually the agent's instructions. */
  readonly body: string
  /** 1-based line where the body starts. */
  readonly bodyLine: number
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/

/** Whether the text starts with a front matter fence. */
export function hasFrontMatter(text: string): boolean {
  return OPENING.test(text)
}

/**
 * Splits front matter from the body. Returns undefined when there is no
 * front matter; throws ManifestError (with the line) when it is not YAML.
 */
export function splitFrontMatter(
  text: string,
  file: string,
): FrontMatterFile | undefined {
  const opening = OPENING.exec(text)
  if (!opening) return undefined
  const rest = text.slice(opening[0].length)
  const closing = /^(---|\.\.\.)[ \t]*$/m.exec(rest)
  if (!closing) return undefined
  const yaml = rest.slice(0, closing.index)
  const document = parseYamlDocument(yaml, file, 1)
  const afterFence = rest
    .slice(closing.index + closing[0].length)
    .replace(/^\r?\n/, '')
  const bodyLine = 2 + countLines(yaml) + 1
  return { document, body: afterFence, bodyLine }
}

function countLines(text: string): number {
  let lines = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++
  return lines
}
