import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { FormatModule } from '../../src/core/manifest/types.js'
import { FIXTURES, fixtureFile, textFile } from './files.js'

/**
 * Files that share names or words with exported workflow and agent files
 * but are not agents: a format must not claim them, or must reject them
 * with a reason.
 */
export const DECOYS: ReadonlyArray<readonly [string, string]> = [
  [
    'package.json',
    '{"name":"flows","version":"1.0.0","scripts":{"test":"vitest"},"dependencies":{"n8n":"^1.0.0","flowise":"^2.0.0"}}',
  ],
  ['tsconfig.json', '{"compilerOptions":{"strict":true,"module":"NodeNext"}}'],
  ['.eslintrc.json', '{"extends":"eslint:recommended","rules":{}}'],
  [
    'k8s/deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 1\n',
  ],
  ['docker-compose.yml', 'services:\n  web:\n    image: nginx:1.27\n'],
  [
    '.github/workflows/ci.yml',
    'name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
  ],
  [
    'openapi.json',
    '{"openapi":"3.0.0","info":{"title":"Agents API","version":"1"},"paths":{"/agents":{"get":{}}}}',
  ],
  [
    'schema/flow.schema.json',
    '{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"nodes":{"type":"array"},"edges":{"type":"array"},"agents":{"type":"array"}}}',
  ],
  [
    'locales/en.json',
    '{"nodes":"Nodes","agents":"Agents","category":"Category","llm_config":"Model settings"}',
  ],
  [
    'agent.json',
    '{"name":"agent","version":"1.0.0","description":"build agent"}',
  ],
  [
    'diagram.json',
    '{"nodes":[{"id":"1","type":"default","data":{"label":"Start"}}],"edges":[{"id":"e1","source":"1","target":"2"}]}',
  ],
  ['app.yaml', 'kind: app\nname: web\nruntime: nodejs20\n'],
]

/** The decoy is not claimed, or its parse is rejected with a reason. */
export function expectDecoyRefused(
  format: FormatModule,
  path: string,
  text: string,
): void {
  const claim = format.matchPath(path)
  if (claim === 'no') return
  if (
    claim === 'maybe' &&
    !(format.sniff?.(text.slice(0, 16384), path) ?? false)
  )
    return
  const result = format.parse(textFile(path, text))
  expect(result.agents, `${format.id} claimed ${path}`).toEqual([])
  expect(result.rejected, `${format.id} must reject ${path}`).toMatch(/\w/)
}

const EXPORT_FORMATS = [
  'autogen',
  'dify-dsl',
  'flowise-flow',
  'langflow-flow',
  'letta-agent-file',
  'n8n-workflow',
]

/**
 * Fixture paths (under test/fixtures) of the other exported-workflow
 * formats that `format` would consider by name. When another format claims
 * such a file outright and then rejects it, this one is tried without a
 * sniff, so it must reject those files cleanly too.
 */
export function otherExportFixtures(format: FormatModule): string[] {
  return EXPORT_FORMATS.filter((id) => id !== format.id).flatMap((id) =>
    readdirSync(join(FIXTURES, 'formats', id))
      .filter((name) => name !== 'SOURCES.md')
      .map((name) => `formats/${id}/${name}`)
      .filter((path) => format.matchPath(path) !== 'no'),
  )
}

/** The file is rejected with a reason: no profile, no problem. */
export function expectCleanRejection(format: FormatModule, path: string): void {
  const result = format.parse(fixtureFile(path))
  expect(result.agents).toEqual([])
  expect(result.problems).toEqual([])
  expect(result.rejected, `${format.id} must reject ${path}`).toMatch(/\w/)
}
