import type { UserState } from '../types'

/** The five items of a user's actions menu, in the order they are always listed. */
export const USER_ACTIONS = ['copyInvitationLink', 'resendInvitation', 'sendNewInvitation', 'edit', 'remove'] as const

export type UserAction = (typeof USER_ACTIONS)[number]

/** The invitation actions, shown on the user's details page too. */
export const INVITATION_ACTIONS = ['copyInvitationLink', 'resendInvitation', 'sendNewInvitation'] as const

export type InvitationAction = (typeof INVITATION_ACTIONS)[number]

// The product's table of which action applies in which state, for greying out the menu: the server
// refuses the others (api/core/state.ts, whyNot; test/unit/user-actions.test.ts keeps them in step).
const ALLOWED: Record<UserState, readonly UserAction[]> = {
  invited: ['copyInvitationLink', 'resendInvitation', 'edit', 'remove'],
  invitation_expired: ['sendNewInvitation', 'edit', 'remove'],
  active: ['edit', 'remove'],
  blocked: ['edit', 'remove'],
}

export function isUserActionAllowed(state: UserState | undefined, action: UserAction): boolean {
  return state !== undefined && (ALLOWED[state]?.includes(action) ?? false)
}

/** Translation keys of the actions' labels, shared by the menu and the details page. */
export const USER_ACTION_LABELS: Record<UserAction, string> = {
  copyInvitationLink: 'roster.users.actions.copy_invitation_link',
  resendInvitation: 'roster.users.actions.resend_invitation',
  sendNewInvitation: 'roster.users.actions.send_new_invitation',
  edit: 'ra.action.edit',
  remove: 'roster.users.actions.remove',
}
