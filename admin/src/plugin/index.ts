/**
 * Roster: user invitations for react-admin.
 *
 * @example
 * <Admin dataProvider={rosterDataProvider('/api', accountId)} authProvider={rosterAuthProvider('/api')} i18nProvider={...}>
 *   <Resource {...users} />
 *   <Resource {...groups} />
 *   <Resource {...emails} />
 *   <Resource {...apiTokens} />
 *   <Resource {...provisioningLog} />
 *   <Resource {...events} />
 * </Admin>
 */
export {
  users,
  UserActionsMenu,
  RemoveUserDialog,
  USER_ACTIONS,
  INVITATION_ACTIONS,
  isUserActionAllowed,
} from './users'
export type { UserAction, InvitationAction } from './users'
export { groups, GroupsChecklist, groupDeletionBlocker } from './groups'
export { emails, useMailboxEnabled } from './emails'
export { apiTokens, scimBaseUrl } from './apiTokens'
export { provisioningLog } from './provisioningLog'
export { events } from './events'
export { ProfilePage } from './profile'
export { rosterDataProvider, PROFILE } from './dataProvider'
export type { AccountIdSource } from './dataProvider'
export { rosterAuthProvider } from './authProvider'
export type { RosterAuthProvider, RosterIdentity, RosterPermissions, Session } from './authProvider'
export { rosterMessages } from './i18n/en'
export { apiErrorBody, apiErrorCode, apiFieldErrors, apiErrorMessage } from './errors'
export * from './types'
