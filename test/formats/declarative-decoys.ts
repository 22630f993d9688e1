import { expect } from 'vitest'
import type { FormatModule } from '../../src/core/manifest/types.js'
import { textFile } from '../support/files.js'

/**
 * Files that look like configuration but are no agent manifest, for the
 * declarative agent-spec formats (Open Agent Spec, Semantic Kernel, Agent
 * Framework, gitagent): none may claim them.
 */
export const DECOYS: ReadonlyArray<readonly [string, string]> = [
  [
    'k8s/deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
  ],
  [
    'k8s/agent.yaml',
    'apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata:\n  name: a\nspec:\n  description: x\n  declarative:\n    systemMessage: hi\n',
  ],
  [
    'docker-compose.yml',
    'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n',
  ],
  [
    '.github/workflows/ci.yml',
    'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
  ],
  [
    'openapi.yaml',
    'openapi: 3.1.0\ninfo:\n  title: Pets\n  version: 1.0.0\npaths: {}\n',
  ],
  [
    'package.json',
    '{ "name": "x", "version": "1.0.0", "type": "module", "scripts": { "test": "vitest" } }',
  ],
  [
    'tsconfig.json',
    '{ "compilerOptions": { "strict": true, "module": "NodeNext" } }',
  ],
  ['.eslintrc.json', '{ "root": true, "extends": ["eslint:recommended"] }'],
  ['.prettierrc.yaml', 'semi: false\nsingleQuote: true\n'],
  [
    'content/posts/hello.md',
    '---\ntitle: Hello\ndate: 2024-01-01\nlayout: post\n---\n\nHi.\n',
  ],
  ['locales/en.json', '{ "greeting": "Hello", "agent": "Agent" }'],
  [
    'schema/agent.schema.json',
    '{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": { "name": { "type": "string" } } }',
  ],
  [
    'public/agent.json',
    '{ "name": "support", "version": "2", "endpoint": "/chat" }',
  ],
  [
    'prompts/summarise.yaml',
    'kind: Prompt\nname: summarise\ntemplate: |\n  Summarise {{text}}\n',
  ],
  ['buildkite/agent.yaml', 'name: build-runner\nqueue: default\n'],
]

/**
 * Asserts that a format leaves every decoy alone: its path is not claimed, or
 * its sniff declines it; and since the scanner parses a file with every
 * format that claims it once one says `yes`, parse rejects it too.
 */
export function expectDecoysIgnored(format: FormatModule): void {
  for (const [path, text] of DECOYS) {
    const claim = format.matchPath(path)
    if (claim === 'no') continue
    if (claim === 'maybe')
      expect(format.sniff?.(text, path) ?? false, path).toBe(false)
    const result = format.parse(textFile(path, text))
    expect(result.agents, path).toEqual([])
    expect(result.rejected, path).toBeTruthy()
  }
}
