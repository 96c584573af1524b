import { invitationLink, resendInvitation, sendNewInvitation } from '../../core/invitations/manage.js'
import { factory } from '../../factory.js'
import { sendQueuedEmails } from '../../mail/dispatch.js'
import { administratorActor } from '../../middleware/require-administrator.js'

/** Emails the same link again; the 7 days start over. */
export const resendInvitationHandlers = factory.createHandlers(async (c) => {
  const user = await resendInvitation(c.get('services'), administratorActor(c.get('person')), {
    accountId: c.req.param('accountId')!,
    membershipId: c.req.param('id')!,
  })
  sendQueuedEmails(c)
  return c.json(user)
})

/** A new link for an expired invitation; the old link stops working. */
export const newInvitationHandlers = factory.createHandlers(async (c) => {
  const user = await sendNewInvitation(c.get('services'), administratorActor(c.get('person')), {
    accountId: c.req.param('accountId')!,
    membershipId: c.req.param('id')!,
  })
  sendQueuedEmails(c)
  return c.json(user)
})

/** The same link the email holds, for "Copy invitation link". */
export const invitationLinkHandlers = factory.createHandlers(async (c) => {
  const url = await invitationLink(c.get('services'), { accountId: c.req.param('accountId')!, membershipId: c.req.param('id')! })
  c.header('Cache-Control', 'no-store')
  return c.json({ url })
})
