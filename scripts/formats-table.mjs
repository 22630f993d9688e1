// The README's table of formats, built from each format folder's MAPPING.md:
// its "**In short:** <files> → <what it takes>" line, so that the table says
// what the folders say and adding a format adds its row. A format still kept
// in one file carries the same line in its header comment.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const IN_SHORT = /^\*\*In short:\*\* (.+?) → (.+)$/m

/** One row per format, by id; a format without the line is an error. */
export function formatsTable(root) {
  const dir = join(root, 'src/core/formats')
  const rows = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || isSingleFile(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const folder = !name.endsWith('.ts')
      const id = name.replace(/\.ts$/, '')
      const path = folder ? join(dir, id, 'MAPPING.md') : join(dir, name)
      const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
      // The line may wrap in the Markdown source; the table wants one line.
      const match = IN_SHORT.exec(folder ? paragraphOf(text) : headerLine(text))
      if (!match)
        throw new Error(
          `src/core/formats/${folder ? `${id}/MAPPING.md` : name} needs a line "**In short:** <files> → <what it takes>" for the README's formats table`,
        )
      return `| \`${id}\` | ${cell(match[1])} | ${cell(match[2])} |`
    })
  return [
    '| Format id | Files | What it takes from them |',
    '|---|---|---|',
    ...rows,
  ].join('\n')
}

function isSingleFile(name) {
  return name.endsWith('.ts') && name !== 'index.ts'
}

/** The "In short" line of a single-file format's header comment. */
function headerLine(text) {
  const match = /^ \* (\*\*In short:\*\* .+)$/m.exec(text)
  return match ? match[1] : ''
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
