import { Hono } from 'hono'
import type { AppEnv } from '../../services.js'
import { checkEmailHandlers } from './check-email.js'
import { createUserHandlers } from './create.js'
import { getUserHandlers } from './get.js'
import { invitationLinkHandlers, newInvitationHandlers, resendInvitationHandlers } from './invitation-actions.js'
import { listUsersHandlers } from './list.js'
import { removeUserHandlers } from './remove.js'
import { updateUserHandlers } from './update.js'

/** /api/accounts/:accountId/users: a user is a membership of the account. */
export const usersRoutes = new Hono<AppEnv>()
  .get('/', ...listUsersHandlers)
  .post('/', ...createUserHandlers)
  .get('/check-email', ...checkEmailHandlers)
  .get('/:id', ...getUserHandlers)
  .put('/:id', ...updateUserHandlers)
  .delete('/:id', ...removeUserHandlers)
  .post('/:id/resend-invitation', ...resendInvitationHandlers)
  .post('/:id/new-invitation', ...newInvitationHandlers)
  .get('/:id/invitation-link', ...invitationLinkHandlers)
