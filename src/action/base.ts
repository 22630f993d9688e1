import * as core from '@actions/core'
import { resolve } from 'node:path'
import type { BaseRef, CompareWith } from '../core/diff/comparison.js'
import { resolveCommit } from '../core/diff/git-base.js'
import { ConfigurationError } from '../core/errors.js'
import { pathInCheckout, type CheckoutLookup } from '../core/git/run-git.js'
import { reviewedBase, type RunTarget } from './context.js'
import { fetchCommit } from './fetch-base.js'
import type { Inputs } from './inputs.js'

/**
 * What the Action compares the head with: the `baseline-file` input, else
 * the `base` input (a ref or commit; `none` turns comparing off), else the
 * pull request's base commit. A base commit the clone lacks is fetched;
 * when that fails the run warns once and reports the head alone. git runs
 * only on `checkout`, the repository at the root of the workspace, never on
 * one found from the scan path.
 */
export function comparisonTarget(
  inputs: Inputs,
  target: RunTarget,
  root: string,
  checkout: CheckoutLookup,
): CompareWith | undefined {
  const file = inputs['baseline-file']
  if (file) {
    if (inputs.base !== undefined && inputs.base !== 'none')
      throw new ConfigurationError(
        'inputs base and baseline-file both name what to compare with',
        { help: 'Give one of them (base: none turns the git base off).' },
      )
    return {
      kind: 'file',
      path: resolve(target.workspace, file),
      label: file,
    }
  }
  if (inputs.base === 'none') return undefined
  const pr = reviewedBase(target)
  const rev = inputs.base ?? pr?.baseSha
  if (rev === undefined) return undefined
  const ref = inputs.base ?? pr?.baseRef
  const isSha = /^[0-9a-f]{7,64}$/.test(rev)
  const base: BaseRef = {
    kind: 'git',
    ref: ref !== rev ? ref : undefined,
    sha: isSha ? rev : undefined,
  }
  const unavailable = (reason: string): CompareWith => {
    core.warning(
      `aivss-gate: no comparison with the base: ${reason}. The report covers the head only.`,
    )
    return { kind: 'unavailable', reason, base }
  }

  if ('error' in checkout) return unavailable(checkout.error)
  const repo = checkout
  const prefix = pathInCheckout(repo, root)
  if (prefix === undefined)
    return unavailable(`${root} is outside the checkout ${repo.workTree}`)
  let sha = resolveCommit(repo, rev)
  if (!sha) {
    core.info(`Fetching the base ${rev} (depth 1) to compare with.`)
    const fetched = fetchCommit(repo, rev, {
      token: inputs['github-token'],
      serverUrl: target.serverUrl,
    })
    if (!fetched.ok)
      return unavailable(
        `the base commit ${rev.slice(0, 12)} is not in the clone and could not be fetched (${fetched.reason})`,
      )
    sha = resolveCommit(repo, isSha ? rev : 'FETCH_HEAD')
    if (!sha)
      return unavailable(
        `the base ${rev.slice(0, 12)} was fetched but not found`,
      )
  }
  return {
    kind: 'git',
    repo,
    sha,
    ref: base.ref,
    prefix,
  }
}
