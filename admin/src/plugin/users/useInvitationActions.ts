import { useState } from 'react'
import { useDataProvider, useNotify, useRefresh } from 'react-admin'
import { copyToClipboard } from '../common/clipboard'
import { useNotifyApiError } from '../common/useNotifyApiError'
import { apiErrorMessage } from '../errors'
import type { RosterDataProvider, User } from '../types'
import type { InvitationAction } from './invitationActions'
import { useLeaveIfUserGone } from './useLeaveMissingUser'

/**
 * How an invitation action went, for a caller that says it in its own place too: inside a modal
 * dialog (the Add user wizard), the toasts are hidden from screen readers (MUI makes the rest of the
 * app, where react-admin renders them, aria-hidden).
 * - `link_copied`: the invitation link is on the clipboard;
 * - `link_not_copied`: the browser refused the clipboard; `url` is the link to show instead;
 * - `sent`: the invitation email was sent again, or a new invitation was sent;
 * - `failed`: `message` is the server's sentence, or a translation key when there was none.
 */
export type InvitationOutcome =
  | { status: 'link_copied'; url: string }
  | { status: 'link_not_copied'; url: string }
  | { status: 'sent' }
  | { status: 'failed'; message: string }

/** Runs an invitation action on a user and tells the administrator how it went (a toast). */
export function useInvitationActions() {
  const dataProvider = useDataProvider<RosterDataProvider>()
  const notify = useNotify()
  const refresh = useRefresh()
  const notifyError = useNotifyApiError()
  const leaveIfGone = useLeaveIfUserGone()
  const [pending, setPending] = useState<InvitationAction | null>(null)

  const copyLink = async (user: Pick<User, 'id'>): Promise<InvitationOutcome> => {
    const { data } = await dataProvider.getInvitationLink('users', { id: user.id })
    if (await copyToClipboard(data.url)) {
      notify('roster.users.notifications.link_copied', { type: 'success' })
      return { status: 'link_copied', url: data.url }
    }
    notify('roster.users.notifications.link_not_copied', { type: 'warning', messageArgs: { url: data.url } })
    return { status: 'link_not_copied', url: data.url }
  }

  /** Resolves to how it went (it never rejects: a failure is told in a toast, and returned). */
  const run = async (action: InvitationAction, user: Pick<User, 'id' | 'email'>): Promise<InvitationOutcome> => {
    setPending(action)
    try {
      if (action === 'copyInvitationLink') return await copyLink(user)
      if (action === 'resendInvitation') {
        await dataProvider.resendInvitation('users', { id: user.id })
        notify('roster.users.notifications.invitation_resent', { type: 'success', messageArgs: { email: user.email } })
      } else {
        await dataProvider.sendNewInvitation('users', { id: user.id })
        notify('roster.users.notifications.new_invitation_sent', {
          type: 'success',
          messageArgs: { email: user.email },
        })
      }
      refresh()
      return { status: 'sent' }
    } catch (error) {
      if (leaveIfGone(error)) return { status: 'failed', message: 'roster.users.gone' }
      notifyError(error)
      // A refusal usually means the row is stale (the link expired, another administrator acted):
      // show the state that explains it, and the actions that now apply.
      refresh()
      return { status: 'failed', message: apiErrorMessage(error, 'ra.notification.http_error') }
    } finally {
      setPending(null)
    }
  }

  return { run, pending }
}
