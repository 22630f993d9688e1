import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadPolicy, type ResolvedPolicy } from '../../src/core/policy/load.js'
import { tempTree } from './files.js'

/** Writes policy files to a temporary directory and loads the first. */
export function policyFrom(files: Record<string, string>): ResolvedPolicy {
  const dir = tempTree(files)
  return loadPolicy(Object.keys(files)[0] ?? 'policy.yml', dir)
}

/** The ConfigurationError message of a policy that must not load. */
export function policyError(
  text: string,
  extra: Record<string, string> = {},
): string {
  const dir = tempTree({ 'policy.yml': text, ...extra })
  try {
    loadPolicy('policy.yml', dir)
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error('expected the policy to be rejected')
}

export function writePolicy(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}
