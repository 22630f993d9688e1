import { describe, expect, it } from 'vitest'
import {
  imagePinned,
  mcpServerTool,
} from '../../src/core/manifest/mcp-servers.js'

/**
 * Whether an MCP server started with `docker run` (or podman) is pinned:
 * by its image's digest or a tag other than `latest`, whatever options
 * come before the image.
 */
const pinned = (command: string, args: string[]): boolean | undefined =>
  mcpServerTool('server', { command, args }).tool.server?.pinned

describe('container images of MCP servers', () => {
  it.each([
    [['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server'], false],
    [['run', '-i', '--rm', 'mcp/fetch:latest'], false],
    [['run', '-i', '--rm', 'redis'], false],
    [['run', '-i', '--rm', 'mcp/fetch:1.2.0'], true],
    [['run', '--rm', `mcp/fetch@sha256:${'a'.repeat(64)}`], true],
    // Option values are not the image.
    [['run', '-v', '/data:/data', '-e', 'TOKEN', 'mcp/fs'], false],
    [
      ['run', '-v', '/data:/data', '--env-file', './x.env', 'mcp/fs:0.3.1'],
      true,
    ],
    [['run', '--network=host', '-i', 'mcp/fs:latest'], false],
    [['container', 'run', '-i', 'mcp/fs:2'], true],
  ])('docker %j: pinned %s', (args, expected) => {
    expect(pinned('docker', args)).toBe(expected)
    expect(pinned('podman', args)).toBe(expected)
  })

  it('says nothing when there is no image to read', () => {
    expect(pinned('docker', ['ps'])).toBeUndefined()
    expect(pinned('docker', ['run'])).toBeUndefined()
  })

  it('treats an untagged image as latest', () => {
    expect(imagePinned('alpine')).toBe(false)
    expect(imagePinned('registry:5000/team/img')).toBe(false)
    expect(imagePinned('registry:5000/team/img:1.0')).toBe(true)
  })
})
