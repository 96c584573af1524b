import { useState } from 'react'
import { useDataProvider, useNotify, useRefresh } from 'react-admin'
import { copyToClipboard } from '../common/clipboard'
import { useNotifyApiError } from '../common/useNotifyApiError'
import type { RosterDataProvider, User } from '../types'
import type { InvitationAction } from './invitationActions'

/** Runs an invitation action on a user and tells the administrator how it went. */
export function useInvitationActions() {
  const dataProvider = useDataProvider<RosterDataProvider>()
  const notify = useNotify()
  const refresh = useRefresh()
  const notifyError = useNotifyApiError()
  const [pending, setPending] = useState<InvitationAction | null>(null)

  const copyLink = async (user: Pick<User, 'id'>) => {
    const { data } = await dataProvider.getInvitationLink('users', { id: user.id })
    if (await copyToClipboard(data.url)) {
      notify('roster.users.notifications.link_copied', { type: 'success' })
    } else {
      notify('roster.users.notifications.link_not_copied', { type: 'warning', messageArgs: { url: data.url } })
    }
  }

  const run = async (action: InvitationAction, user: Pick<User, 'id' | 'email'>) => {
    setPending(action)
    try {
      if (action === 'copyInvitationLink') {
        await copyLink(user)
      } else if (action === 'resendInvitation') {
        await dataProvider.resendInvitation('users', { id: user.id })
        notify('roster.users.notifications.invitation_resent', { type: 'success', messageArgs: { email: user.email } })
        refresh()
      } else {
        await dataProvider.sendNewInvitation('users', { id: user.id })
        notify('roster.users.notifications.new_invitation_sent', {
          type: 'success',
          messageArgs: { email: user.email },
        })
        refresh()
      }
    } catch (error) {
      notifyError(error)
    } finally {
      setPending(null)
    }
  }

  return { run, pending }
}
