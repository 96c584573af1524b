import { describe, expect, it } from 'vitest'
import { isUserActionAllowed, USER_ACTIONS, type UserAction } from '../../admin/src/plugin/users/invitationActions'
import { userStates, whyNot, type InvitationAction } from '../../api/core/state'

// The admin menu greys out what the server would refuse: the two tables must say the same.
const serverName: Record<UserAction, InvitationAction> = {
  copyInvitationLink: 'copyLink',
  resendInvitation: 'resend',
  sendNewInvitation: 'newInvitation',
  edit: 'edit',
  remove: 'remove',
}

describe('which action applies in which state', () => {
  for (const state of userStates) {
    it(`is the same in the admin menu and on the server for ${state}`, () => {
      for (const action of USER_ACTIONS) {
        expect({ action, allowed: isUserActionAllowed(state, action) }).toEqual({ action, allowed: whyNot[serverName[action]][state] === undefined })
      }
    })
  }
})
