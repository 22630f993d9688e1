// The README's table of formats, built from each format folder's MAPPING.md:
// its "**In short:** <files> → <what it takes>" line, so that the table says
// what the folders say and adding a format adds its row.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const IN_SHORT = /^\*\*In short:\*\* (.+?) → (.+)$/m

/** One row per format folder, by id; a folder without the line is an error. */
export function formatsTable(root) {
  const dir = join(root, 'src/core/formats')
  const rows = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((id) => {
      const path = join(dir, id, 'MAPPING.md')
      const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
      // The line may wrap in the Markdown source; the table wants one line.
      const match = IN_SHORT.exec(paragraphOf(text))
      if (!match)
        throw new Error(
          `src/core/formats/${id}/MAPPING.md needs a line "**In short:** <files> → <what it takes>" for the README's formats table`,
        )
      return `| \`${id}\` | ${cell(match[1])} | ${cell(match[2])} |`
    })
  return [
    '| Format id | Files | What it takes from them |',
    '|---|---|---|',
    ...rows,
  ].join('\n')
}

/** The paragraph that starts with "**In short:**", joined onto one line. */
function paragraphOf(text) {
  const start = text.indexOf('**In short:**')
  if (start < 0) return ''
  const end = text.indexOf('\n\n', start)
  return text
    .slice(start, end < 0 ? undefined : end)
    .replace(/\s*\n\s*/g, ' ')
    .trim()
}

function cell(text) {
  return text.replace(/\|/g, '\\|').trim()
}
