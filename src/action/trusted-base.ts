import * as core from '@actions/core'
import type { CompareWith } from '../core/diff/comparison.js'
import { resolveCommit } from '../core/diff/git-base.js'
import type { CheckoutLookup } from '../core/git/run-git.js'
import type { PolicyTrust } from '../core/policy/trust.js'
import { reviewedBase, type RunTarget } from './context.js'
import { fetchCommit } from './fetch-base.js'
import type { Inputs } from './inputs.js'

/** Events whose checkout holds changes not yet merged into the base. */
const REVIEW_EVENTS =
  /^(pull_request(_target|_review|_review_comment)?|merge_group)$/

/**
 * The commit whose configuration (policy, what it extends, baseline file)
 * judges a pull request: the git base it is compared with, else the pull
 * request's base commit, fetched when the clone lacks it. Outside pull
 * requests there is none: the workspace holds what was merged.
 *
 * The repository is the checkout the Action found once (`checkout`).
 */
export function policyTrust(
  inputs: Inputs,
  target: RunTarget,
  compare: CompareWith | undefined,
  checkout: CheckoutLookup,
): PolicyTrust {
  const workspace = target.workspace
  const from = inputs['trust-pr-policy'] ? 'head' : 'base'
  const unavailable = (reason: string): PolicyTrust => {
    core.warning(
      `aivss-gate: the policy cannot be read from the base commit: ${reason}. A policy file of the checkout counts for no less than the default preset.`,
    )
    return { workspace, from, base: { unavailable: reason } }
  }
  const pr = reviewedBase(target)
  if (!pr) {
    // An event that reviews changes but whose payload says nothing usable
    // (unreadable, no pull request in it) still judges unmerged code.
    if (from === 'base' && REVIEW_EVENTS.test(target.eventName))
      return compare?.kind === 'git'
        ? { workspace, from, base: { repo: compare.repo, sha: compare.sha } }
        : unavailable(
            `the ${target.eventName} event's payload names no pull request or base`,
          )
    return { workspace, from }
  }
  if (compare?.kind === 'git')
    return { workspace, from, base: { repo: compare.repo, sha: compare.sha } }
  if (from === 'head') return { workspace, from }
  if (compare?.kind === 'unavailable' && compare.base?.kind === 'git')
    return unavailable(compare.reason)
  const rev = pr.baseSha
  if (rev === undefined)
    return unavailable('the event does not name the base commit')
  if ('error' in checkout) return unavailable(checkout.error)
  const repo = checkout
  let sha = resolveCommit(repo, rev)
  if (!sha) {
    const fetched = fetchCommit(repo, rev, {
      token: inputs['github-token'],
      serverUrl: target.serverUrl,
    })
    if (!fetched.ok)
      return unavailable(
        `${rev.slice(0, 12)} is not in the clone and could not be fetched (${fetched.reason})`,
      )
    sha = resolveCommit(repo, rev)
    if (!sha)
      return unavailable(`${rev.slice(0, 12)} was fetched but not found`)
  }
  return { workspace, from, base: { repo, sha } }
}
