import {
  rejected,
  splitFrontMatter,
  splitPath,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import { AgentsMdBody } from './schema.js'

const MAX_EXCERPT = 400
/** Sentences that read as rules for the agent. */
const RULE =
  /\b(do not|don't|never|must not|must|always|only|without (explicit )?(user )?(approval|authori[sz]ation|permission|consent)|ask (the user )?(before|first)|requires? (approval|review))\b/i

export function mapAgentsMd(file: ManifestFile): FormatResult {
  const body = bodyOf(file)
  if (body.trim() === '') return rejected('an empty AGENTS.md')
  const { dir } = splitPath(file.path)
  // Never an agent: standing instructions for every agent under `dir`.
  return {
    agents: [],
    problems: [],
    context: [
      {
        scope: dir.replace(/\/$/, ''),
        file: file.path,
        text: excerpt(AgentsMdBody.parse(body)),
      },
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

/**
 * The title and the rule-like sentences, else the opening paragraph. Prose
 * rules are guidance for the model, not enforcement, so they set no control.
 */
function excerpt({ title, paragraphs }: AgentsMdBody): string {
  const sentences = paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/))
  const rules = sentences.filter((s) => RULE.test(s)).slice(0, 4)
  const chosen = rules.length > 0 ? rules : paragraphs.slice(0, 1)
  const text = [title ? `${title}:` : '', ...chosen].filter(Boolean).join(' ')
  return text.length > MAX_EXCERPT
    ? `${text.slice(0, MAX_EXCERPT - 3).trimEnd()}...`
    : text
}
