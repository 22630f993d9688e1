import { classifyTool, type Tool, type ToolKind } from '../../manifest/kit.js'

/** CrewAI's own tool classes whose kind the name alone does not tell. */
const CREWAI_TOOLS: ReadonlyMap<string, ToolKind> = new Map([
  ['CodeInterpreterTool', 'code-exec'],
  ['FileReadTool', 'file-read'],
  ['DirectoryReadTool', 'file-read'],
  ['FileWriterTool', 'file-write'],
  ['SerperDevTool', 'search'],
  ['SerplyWebSearchTool', 'search'],
  ['EXASearchTool', 'search'],
  ['TavilySearchTool', 'search'],
  ['BraveSearchTool', 'search'],
  ['LinkupSearchTool', 'search'],
  ['WebsiteSearchTool', 'search'],
  ['GithubSearchTool', 'search'],
  ['CodeDocsSearchTool', 'search'],
  ['YoutubeVideoSearchTool', 'search'],
  ['YoutubeChannelSearchTool', 'search'],
  ['ArxivPaperTool', 'search'],
  ['DirectorySearchTool', 'search'],
  ['PDFSearchTool', 'search'],
  ['DOCXSearchTool', 'search'],
  ['TXTSearchTool', 'search'],
  ['CSVSearchTool', 'search'],
  ['JSONSearchTool', 'search'],
  ['MDXSearchTool', 'search'],
  ['XMLSearchTool', 'search'],
  ['RagTool', 'search'],
  ['ScrapeWebsiteTool', 'network'],
  ['ScrapeElementFromWebsiteTool', 'network'],
  ['FirecrawlScrapeWebsiteTool', 'network'],
  ['FirecrawlCrawlWebsiteTool', 'network'],
  ['FirecrawlSearchTool', 'search'],
  ['JinaScrapeWebsiteTool', 'network'],
  ['ScrapflyScrapeWebsiteTool', 'network'],
  ['SpiderTool', 'network'],
  ['ZapierActionTool', 'network'],
  ['ApifyActorsTool', 'network'],
  ['SeleniumScrapingTool', 'browser'],
  ['BrowserbaseLoadTool', 'browser'],
  ['HyperbrowserLoadTool', 'browser'],
  ['StagehandTool', 'browser'],
  ['NL2SQLTool', 'database'],
  ['PGSearchTool', 'database'],
  ['MySQLSearchTool', 'database'],
  ['SnowflakeSearchTool', 'database'],
  ['DatabricksQueryTool', 'database'],
  ['MongoDBVectorSearchTool', 'database'],
  ['QdrantVectorSearchTool', 'database'],
  ['S3ReaderTool', 'cloud-admin'],
  ['S3WriterTool', 'cloud-admin'],
  ['MCPServerAdapter', 'mcp-server'],
  ['ComposioTool', 'other'],
  ['DallETool', 'other'],
  ['VisionTool', 'other'],
])

/** The tools CrewAI gives an agent that may delegate. */
export const DELEGATION_TOOLS = [
  'Delegate work to coworker',
  'Ask question to coworker',
]

/** The kind of a CrewAI tool class, if it is one of CrewAI's own. */
export function crewaiToolKind(name: string): ToolKind | undefined {
  return CREWAI_TOOLS.get(name)
}

/** A tool named in YAML/JSON: a CrewAI class, `custom:x`, or a code tool. */
export function crewTool(raw: string, line?: number): Tool {
  if (raw.startsWith('custom:')) {
    const name = raw.slice('custom:'.length)
    return { name, kind: classifyTool(name), line, source: 'code' }
  }
  const known = crewaiToolKind(raw)
  return known
    ? { name: raw, kind: known, line, source: 'builtin' }
    : { name: raw, kind: classifyTool(raw), line, source: 'code' }
}
