/**
 * `AGENTS.md` (and the singular `AGENT.md` some tools read): free prose that
 * coding agents load as standing instructions for the directory tree it sits
 * in, nearest file first.
 *
 * Mapping: it is never an agent. The file becomes a context note scoped to
 * its directory, which the scanner attaches to every agent profiled under
 * that tree. The note's text is a short excerpt: the title and the
 * sentences that read as rules ("do not…", "never…", "ask before…"), else
 * the opening paragraph. Prose rules are guidance for the model, not
 * enforcement, so no control is set from them.
 *
 * Defaults: no agents, no problems. Other markdown is not claimed; a name
 * that only ends in `AGENTS.md` (`team.AGENTS.md`) is claimed when it has
 * no front matter, since documentation pages and agent definitions carry
 * front matter and AGENTS.md does not.
 */
import { hasFrontMatter, splitFrontMatter } from '../manifest/front-matter.js'
import { pathSegments, splitPath } from '../manifest/paths.js'
import { rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'

const ID = 'agents-md'

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  const parent = (segments[segments.length - 2] ?? '').toLowerCase()
  if (/^AGENTS\.md$/i.test(name)) return 'yes'
  if (name === 'AGENT.md' && parent !== 'agents' && parent !== 'agent')
    return 'yes'
  return /[_.-]AGENTS\.md$/.test(name) ? 'maybe' : 'no'
}

const format: FormatModule = {
  id: ID,
  title: 'AGENTS.md',
  nameEndings: ['.md'],
  matchPath,
  sniff: (head) => !hasFrontMatter(head),
  parse: parseAgentsMd,
}
export default format

const MAX_EXCERPT = 400
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+/
const RULE =
  /\b(do not|don't|never|must not|must|always|only|without (explicit )?(user )?(approval|authori[sz]ation|permission|consent)|ask (the user )?(before|first)|requires? (approval|review))\b/i

function parseAgentsMd(file: ManifestFile): FormatResult {
  const body = bodyOf(file)
  if (body.trim() === '') return rejected('an empty AGENTS.md')
  const { dir } = splitPath(file.path)
  return {
    agents: [],
    problems: [],
    context: [
      { scope: dir.replace(/\/$/, ''), file: file.path, text: excerpt(body) },
    ],
  }
}

function bodyOf(file: ManifestFile): string {
  try {
    return splitFrontMatter(file.text, file.path)?.body ?? file.text
  } catch {
    // Front matter that is not YAML is just more prose here.
    return file.text
  }
}

/** The title and the rule-like sentences, else the opening paragraph. */
function excerpt(markdown: string): string {
  const lines = markdown.split(/\r?\n/)
  const title = lines
    .find((line) => /^#{1,6}\s+\S/.test(line))
    ?.replace(/^#+\s+/, '')
    .trim()
  const prose = lines
    .filter((line) => !/^\s*(#|```|<!--|\||---)/.test(line))
    .map((line) =>
      LIST_ITEM.test(line) ? `\n${line.replace(LIST_ITEM, '')}\n` : line,
    )
    .join('\n')
  const paragraphs = prose
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
  const sentences = paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/))
  const rules = sentences.filter((s) => RULE.test(s)).slice(0, 4)
  const chosen = rules.length > 0 ? rules : paragraphs.slice(0, 1)
  const text = [title ? `${title}:` : '', ...chosen].filter(Boolean).join(' ')
  return text.length > MAX_EXCERPT
    ? `${text.slice(0, MAX_EXCERPT - 3).trimEnd()}...`
    : text
}
