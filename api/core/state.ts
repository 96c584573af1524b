import { sql, type SQL } from 'drizzle-orm'
import { memberships } from '../../drizzle/schema.js'

export const userStates = ['invited', 'invitation_expired', 'active', 'blocked'] as const
export type UserState = (typeof userStates)[number]

export type InvitationAction = 'copyLink' | 'resend' | 'newInvitation' | 'edit' | 'remove'

/** The product's table of which actions apply in which state; the UI greys out the rest. */
export const allowedActions: Record<UserState, readonly InvitationAction[]> = {
  invited: ['copyLink', 'resend', 'edit', 'remove'],
  invitation_expired: ['newInvitation', 'edit', 'remove'],
  active: ['edit', 'remove'],
  blocked: ['edit', 'remove'],
}

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
