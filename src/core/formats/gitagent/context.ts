import type {
  AgentProfile,
  ManifestFile,
  ParsedDocument,
  Problem,
} from '../../manifest/kit.js'

/** One agent being mapped: its file, its directory and its profile. */
export interface Context {
  readonly file: ManifestFile
  readonly doc: ParsedDocument
  /** Directory of the agent, with a trailing slash ('' at the root). */
  readonly dir: string
  readonly problems: Problem[]
  readonly profile: AgentProfile
}
