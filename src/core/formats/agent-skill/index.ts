import { pathSegments, type FormatModule } from '../../manifest/kit.js'
import { mapSkill } from './map.js'
import { FORMAT_ID } from './schema.js'

/** Agent Skills, `SKILL.md` wherever a host loads them: see MAPPING.md. */
const format: FormatModule = {
  id: FORMAT_ID,
  title: 'Agent Skill',
  nameEndings: ['.md'],
  matchPath: (path) =>
    pathSegments(path).at(-1) === 'SKILL.md' ? 'yes' : 'no',
  parse: mapSkill,
}
export default format
