import {
  addNote,
  addTrigger,
  cite,
  type AgentProfile,
  type Reading,
} from '../../manifest/kit.js'
import type { FrontMatter } from './schema.js'

/**
 * What starts the workflow, and whose words it reads. Events that carry
 * text someone else wrote (an issue, a comment, a pull request, a
 * discussion, a slash command) are untrusted input; the repository roles
 * allowed to trigger it (`roles`, by default admin, maintainer and write)
 * decide how far it reaches.
 */
const UNTRUSTED = new Set([
  'issues',
  'issue_comment',
  'discussion',
  'discussion_comment',
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'slash_command',
  'command',
  'fork',
])
const CI = new Set([
  'push',
  'pull_request',
  'pull_request_target',
  'workflow_run',
  'release',
  'check_run',
  'check_suite',
  'deployment',
  'deployment_status',
  'status',
  'merge_group',
])
const API = new Set([
  'workflow_dispatch',
  'repository_dispatch',
  'workflow_call',
])
/** Keys of `on` that are settings of gh-aw, not events. */
const SETTINGS = new Set([
  'reaction',
  'stop-after',
  'stop-time',
  'forks',
  'manual-approval',
  'roles',
  'skip-if-match',
  'skip-if-no-match',
  'status-comment',
  'lock-for-agent',
])

export function readTriggers(
  profile: AgentProfile,
  front: FrontMatter,
  read: Reading<unknown>,
): void {
  const events = front.on.events.filter((event) => !SETTINGS.has(event))
  for (const event of events) {
    if (event === 'schedule') addTrigger(profile, 'schedule')
    else if (event === 'slash_command' || event === 'command')
      addTrigger(profile, 'chat')
    else if (API.has(event)) addTrigger(profile, 'api')
    else if (CI.has(event)) addTrigger(profile, 'ci')
    else addTrigger(profile, 'event')
  }
  cite(profile, 'triggers', read.lineOf(['on']))
  if (events.length > 0) addNote(profile, `triggered by ${events.join(', ')}`)
  if (front.on.slashCommand)
    addNote(profile, `slash command /${front.on.slashCommand}`)
  profile.exposure.channels.push('github')
  const untrusted = events.filter((event) => UNTRUSTED.has(event))
  if (untrusted.length > 0) {
    profile.exposure.untrustedInput = true
    cite(profile, 'exposure', read.lineOf(['on']))
  }
  const roles = front.roles
  if (roles.includes('all')) {
    profile.exposure.reach = 'public'
    addNote(
      profile,
      'roles: all: anyone who can open an issue or comment can start it',
    )
    cite(profile, 'exposure', read.lineOf(['roles']))
  } else {
    profile.exposure.reach = 'internal'
    addNote(
      profile,
      roles.length > 0
        ? `only these roles can start it: ${roles.join(', ')}`
        : 'only admin, maintainer and write roles can start it (the gh-aw default)',
    )
  }
  if (front.on.manualApproval)
    addNote(
      profile,
      `each run waits for approval in the ${front.on.manualApproval} environment`,
    )
}
