/**
 * The one module a format folder imports besides its own files and zod:
 * what every format needs to turn a file into agent profiles, in one place,
 * so that a format reads as "its schema, then its mapping" and a newcomer
 * sees the whole toolbox here.
 *
 * - the contract: FormatModule, ManifestFile, FormatResult;
 * - reading: `readWith(file, syntax, Schema)` (tolerant zod schemas built
 *   from `looseObject`, `looseArray`, `looseRecord`, `text`, `flag`…),
 *   `checkWith` and the JSON and YAML readers for a file read in parts, and
 *   the problem helpers;
 * - profile building, with typed evidence fields (`cite(profile, 'tools',
 *   line)`: a misspelt field does not compile);
 * - the shared readers of facts many formats hold: MCP servers, harness
 *   tools and permissions, hooks, models, credentials, endpoints, paths,
 *   front matter, placeholders, the host tables (built-in tools and
 *   default approvals per host) and the editor settings that change them;
 * - for files written for the gate itself, strict checks
 *   (`validateIgnoringUnknown`) and the aivss block.
 */
export type {
  Candidacy,
  ContextNote,
  FormatModule,
  FormatResult,
  ManifestFile,
  SkillDeclaration,
} from './types.js'
export { lineAt } from './types.js'
export {
  checkWith,
  count,
  fieldOf,
  flag,
  indexedArray,
  looseArray,
  locatedObject,
  looseObject,
  looseRecord,
  keys,
  maybeObject,
  must,
  nonBlank,
  raw,
  readWith,
  stated,
  text,
  texts,
  toolListField,
  type DropReport,
  type Read,
  type Reading,
  type Syntax,
  type ToolListField,
} from './read-with.js'
export {
  parseManifest,
  parseMapping,
  problem,
  rejected,
  unknownValue,
} from './result.js'
export type { Problem } from '../problems.js'
export { problemFrom } from '../problems.js'
export type { DataPath, ParsedDocument } from '../parse/document.js'
// For files read in parts (a YAML stream, a JSON string of JSON): each part
// keeps the lines of the whole file, and its syntax error is a problem.
export { parseJsonDocument, parseYamlDocument } from '../parse/document.js'
export {
  addNote,
  addTool,
  addTrigger,
  cite,
  listSummary,
  newProfile,
  pushUnique,
} from '../profile/build.js'
export type {
  AgentProfile,
  Control,
  EvidenceField,
  Tool,
  ToolKind,
} from '../profile/schema.js'
export {
  CONTROLS,
  DELEGATION_MODES,
  IDENTITY_KINDS,
  MEMORY_KINDS,
  REACH_LEVELS,
  TRIGGERS,
} from '../profile/schema.js'
export {
  classifyCodeTool,
  classifyTool,
  kindOfSource,
  normalizeToolKind,
  TOOL_KIND_HELP,
} from '../profile/tool-kinds.js'
export {
  harnessTool,
  addHarnessTool,
  listEntries,
  splitToolList,
} from './harness-tools.js'
export {
  addMcpServers,
  addServerMemory,
  mcpServerTool,
  recordServerReading,
  serverKind,
} from './mcp-servers.js'
export { isPlaceholder } from '../parse/data.js'
export { harnessModel, modelFromName, readSampling } from './models.js'
export {
  addCredential,
  addScopedCredential,
  isCredentialName,
} from './credentials.js'
export { reachOf, schemeName, urlHost, type Reach } from './endpoints.js'
export {
  fileStem,
  joinPath,
  lastSegment,
  pathSegments,
  splitPath,
} from './paths.js'
export { applyHooks, hookCommands, readHook } from './hooks.js'
export {
  frontMatterData,
  frontMatterKeys,
  hasFrontMatter,
  noteLenientRead,
  readFrontMatter,
  splitFrontMatter,
} from './front-matter.js'
export {
  applyHostDefaults,
  citeDefault,
  hostDefaultText,
  setApproval,
  settleApproval,
} from './host-defaults.js'
export { AMAZON_Q_MCP_ASKS } from './hosts/amazon-q.js'
export { CLAUDE_CODE_MCP_ASKS } from './hosts/claude-code.js'
export { COPILOT_MCP_ASKS } from './hosts/copilot.js'
export {
  approvalOf,
  applyPermissionMode,
  CLAUDE_PERMISSION_MODES,
  globPattern,
  isReadOnlyCommand,
} from './permissions.js'
export { applyWorkspaceSettings } from './vscode-settings.js'
export { validateIgnoringUnknown } from '../parse/validate.js'
export { declareDescriptorClaims, readAivssBlock } from './aivss-block.js'

// For formats that judge an address they read as written (templated hosts).
export { reachOfAddress } from './endpoints.js'

// Terraform: the HCL reader of parse/, and readManifest, which turns its
// syntax error into the format's problem at its line.
export { readManifest } from './result.js'
export {
  parseHclDocument,
  type HclAttribute,
  type HclBlock,
  type HclValue,
} from '../parse/hcl.js'

// TOML, read with its lines (for a format whose files are TOML).
export { parseTomlDocument } from '../parse/toml.js'
export { CODEX_DEFAULTS } from './hosts/codex.js'

// Which tools change things, the ones approval is about.
export { isReadOnlyTool, SIDE_EFFECT_KINDS } from '../profile/tool-kinds.js'
export { frontMatterBlock } from './front-matter.js'
// The project settings beside `.claude/agents/`, which govern its subagents.
export {
  applyProjectSettings,
  readProjectSettings,
} from './claude-project-settings.js'
