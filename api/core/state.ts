import { sql, type SQL } from 'drizzle-orm'
import { memberships } from '../../drizzle/schema.js'

export const userStates = ['invited', 'invitation_expired', 'active', 'blocked'] as const
export type UserState = (typeof userStates)[number]

export type InvitationAction = 'copyLink' | 'resend' | 'newInvitation' | 'edit' | 'remove'

export function stateOf(m: { state: string; expiresAt: Date | null }, now: Date): UserState {
  if (m.state === 'invited' && m.expiresAt && m.expiresAt.getTime() <= now.getTime()) return 'invitation_expired'
  return m.state as UserState
}

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`

/** The same rule as stateOf, in SQL, for filters and sorting. */
export function stateSql(now: Date): SQL<UserState> {
  return sql<UserState>`(case when ${memberships.state} = 'invited' and ${memberships.expiresAt} <= ${at(now)}
    then 'invitation_expired' else ${memberships.state}::text end)`
}

export function stateFilterSql(state: UserState, now: Date): SQL {
  switch (state) {
    case 'invited':
      return sql`(${memberships.state} = 'invited' and ${memberships.expiresAt} > ${at(now)})`
    case 'invitation_expired':
      return sql`(${memberships.state} = 'invited' and ${memberships.expiresAt} <= ${at(now)})`
    default:
      return sql`${memberships.state} = ${state}`
  }
}

/**
 * The product's table of which actions apply in which state, as the server enforces it: an action
 * applies unless a reason here says why not. The admin plugin greys out the same (its
 * invitationActions.ts; test/unit/user-actions.test.ts keeps the two in step).
 */
export const whyNot: Record<InvitationAction, Partial<Record<UserState, string>>> = {
  copyLink: {
    invitation_expired: 'The invitation has expired; send a new invitation instead.',
    active: 'This user has already accepted the invitation.',
    blocked: 'This user is blocked; there is no pending invitation.',
  },
  resend: {
    invitation_expired: 'The invitation has expired; send a new invitation instead.',
    active: 'This user has already accepted the invitation.',
    blocked: 'This user is blocked; there is no pending invitation.',
  },
  newInvitation: {
    invited: 'The invitation is still valid; resend it or copy its link instead.',
    active: 'This user has already accepted the invitation.',
    blocked: 'This user is blocked; there is no invitation to renew.',
  },
  edit: {},
  remove: {},
}
