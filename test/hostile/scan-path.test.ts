import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction } from '../support/action.js'
import { cli } from '../support/cli.js'
import { tempTree } from '../support/files.js'
import { failingDescriptor, passingDescriptor } from '../support/reports.js'

/**
 * A scan `path` committed as a symbolic link: out of the workspace it is an
 * error, never walked (its files would be read and printed in the comment);
 * inside, what is scanned is where it leads.
 */

const SECRET = 'OUTSIDE-THE-WORKSPACE'

function workspaceWithLinks(): string {
  const outer = tempTree({
    [`outside/${SECRET}.aivss.yml`]: `name: ${SECRET}\ntools: [{ name: sh, kind: shell }]\n`,
  })
  const workspace = join(outer, 'ws')
  mkdirSync(join(workspace, 'agents'), { recursive: true })
  writeFileSync(
    join(workspace, 'agents/calm.aivss.yml'),
    passingDescriptor('calm'),
  )
  symlinkSync(join(outer, 'outside'), join(workspace, 'linked-out'))
  symlinkSync('../outside', join(workspace, 'relative-out'))
  symlinkSync('agents', join(workspace, 'linked-in'))
  return workspace
}

describe('the Action, with path committed as a link', () => {
  for (const path of ['linked-out', 'relative-out', 'linked-out/']) {
    it(`fails and walks nothing when ${path} leads out of the workspace`, async () => {
      const workspace = workspaceWithLinks()
      const run = await runAction({
        workspace,
        inputs: { comment: 'never', path },
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        `input path: ${path} is outside the workspace`,
      )
      expect(run.stdout).not.toContain(`${SECRET}.aivss.yml`)
      expect(run.summary).not.toContain(`${SECRET}.aivss.yml`)
      expect(run.outputs.agents).toBeUndefined()
    })
  }

  for (const path of ['..', '/', '/etc', '.github/../..', 'agents/../../ws/..'])
    it(`fails and walks nothing for path ${path}`, async () => {
      const workspace = workspaceWithLinks()
      const run = await runAction({
        workspace,
        inputs: { comment: 'never', path },
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        `input path: ${path} is outside the workspace`,
      )
      expect(run.stdout).not.toContain(SECRET)
      expect(run.stdout).not.toContain('root:x:0')
      expect(run.outputs.agents).toBeUndefined()
    })

  it('fails when path is committed as a link into .git', async () => {
    const workspace = workspaceWithLinks()
    mkdirSync(join(workspace, '.git', 'objects'), { recursive: true })
    symlinkSync('.git/objects', join(workspace, 'services'))
    const run = await runAction({
      workspace,
      inputs: { comment: 'never', path: 'services' },
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'input path: services is inside a git directory (.git)',
    )
    expect(run.outputs.agents).toBeUndefined()
  })

  it('fails on a link loop, naming the path', async () => {
    const workspace = workspaceWithLinks()
    symlinkSync('loop-b', join(workspace, 'loop-a'))
    symlinkSync('loop-a', join(workspace, 'loop-b'))
    const run = await runAction({
      workspace,
      inputs: { comment: 'never', path: 'loop-a' },
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('input path: loop-a is not a directory')
    expect(run.outputs.agents).toBeUndefined()
  })

  it('scans where a link inside the workspace leads', async () => {
    const workspace = workspaceWithLinks()
    const run = await runAction({
      workspace,
      inputs: { comment: 'never', path: 'linked-in', 'sarif-file': 'a.sarif' },
    })
    expect(run.code).toBe(0)
    expect(run.outputs.agents).toBe('1')
  })
})

describe('the CLI, with DIR a link', () => {
  it('refuses a DIR that leads into .git', () => {
    const workspace = workspaceWithLinks()
    mkdirSync(join(workspace, '.git'), { recursive: true })
    symlinkSync('.git', join(workspace, 'services'))
    const run = cli(['scan', 'services'], workspace)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('services is inside a git directory (.git)')
  })

  it('scans the real path, and names files from there', () => {
    const workspace = workspaceWithLinks()
    writeFileSync(
      join(workspace, 'agents/risky.aivss.yml'),
      failingDescriptor('risky'),
    )
    const run = cli(['scan', 'linked-in', '--format', 'sarif'], workspace)
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{
        results: Array<{
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string } }
          }>
        }>
      }>
    }
    const uris = sarif.runs[0]!.results.map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    )
    expect(uris.length).toBeGreaterThan(0)
    expect(new Set(uris)).toEqual(new Set(['agents/risky.aivss.yml']))
  })
})
