import type { DataProvider, RaRecord } from 'react-admin'

export type UserState = 'invited' | 'invitation_expired' | 'active' | 'blocked'

export const USER_STATES: readonly UserState[] = ['invited', 'invitation_expired', 'active', 'blocked']

/** A membership of a person in the account, as the REST API returns it. */
export interface User extends RaRecord<string> {
  id: string
  firstName: string
  lastName: string
  email: string
  countryCode: string | null
  phone: string | null
  state: UserState
  groupIds: string[]
  invitedAt: string | null
  expiresAt: string | null
  joinedAt: string | null
  lastSignInAt: string | null
  /** A person (with their id), or an identity provider's token by its label ("token 'okta-prod'"). */
  invitedBy: { id: string | null; name: string } | null
  /** The fate of the latest invitation email, as the email provider reports it. */
  invitationEmail?: { status: EmailDeliveryStatus; at: string; error: string | null } | null
  /** What an identity provider keeps on the user (SCIM); null for a member no provider touched. */
  provider?: { userName: string | null; externalId: string | null; attributes: Record<string, unknown> } | null
}

/** The signed-in person's own record (`/api/profile`): the email is how they sign in, not edited. */
export interface Profile extends RaRecord<string> {
  id: string
  email: string
  firstName: string
  lastName: string
  countryCode: string | null
  phone: string | null
}

export type EmailDeliveryStatus = 'queued' | 'sent' | 'delivered' | 'bounced' | 'complained' | 'failed'

export interface Group extends RaRecord<string> {
  id: string
  name: string
  description: string | null
  isDefault: boolean
  memberCount: number
  createdAt: string
}

export type UserEventType =
  | 'invited'
  | 'invitation_resent'
  | 'new_invitation_sent'
  | 'invitation_accepted'
  | 'invitation_declined'
  | 'invitation_expired'
  | 'groups_changed'
  | 'removed'
  | 'blocked'
  | 'unblocked'
  | 'updated'

export type ActorType = 'administrator' | 'api_token' | 'invitee' | 'system'

export interface UserEvent extends RaRecord<string> {
  id: string
  userId: string
  /**
   * The person the line is about. `current`: they are a member now (`currentId`, which may be a later
   * membership than this line's); a former member's name is not shown (it is theirs, maybe set since).
   */
  user?: { name: string | null; email: string; current: boolean; currentId: string | null } | null
  type: UserEventType
  actor: { type: ActorType; label: string }
  data: Record<string, unknown> | null
  occurredAt: string
}

export interface MailboxEmail extends RaRecord<string> {
  id: string
  to: string
  from: string
  subject: string
  html: string
  text: string
  createdAt: string
  kind: string
}

/** A SCIM bearer token of the account (`api-tokens`); the secret itself is never listed. */
export interface ApiToken extends RaRecord<string> {
  id: string
  name: string
  /** The secret's first characters, e.g. `roster_scim_AbCd`. */
  prefix: string
  /** The group users created through this token join; null once the token is revoked. */
  provisionGroupId: string | null
  sendInvitationEmail: boolean
  createdAt: string
  lastUsedAt: string | null
  /** Set for a revoked token (listed only where asked for, as in the provisioning log's filter). */
  revokedAt: string | null
}

/** The answer to `POST /api-tokens`: the only time `token`, the secret, is given. */
export interface CreatedApiToken extends ApiToken {
  token: string
}

/** One SCIM request an identity provider made (`provisioning-log`, kept 30 days). */
export interface ProvisioningLogEntry extends RaRecord<string> {
  id: string
  tokenId: string
  tokenName: string
  method: string
  path: string
  status: number
  durationMs: number
  summary: string
  at: string
}

/** What the Add user wizard posts to `POST /users`. */
export interface NewUser {
  firstName: string
  lastName: string
  email: string
  countryCode?: string
  phone?: string
  groupIds: string[]
}

export interface EmailAvailability {
  available: boolean
  message?: string
}

/** The data provider's methods beyond react-admin's standard ones. */
export interface RosterDataProvider extends DataProvider {
  resendInvitation: (resource: string, params: { id: string }) => Promise<{ data: User }>
  sendNewInvitation: (resource: string, params: { id: string }) => Promise<{ data: User }>
  getInvitationLink: (resource: string, params: { id: string }) => Promise<{ data: { url: string } }>
  checkEmail: (email: string) => Promise<EmailAvailability>
}

/** The body of every API error. */
export interface ApiErrorBody {
  code: string
  message: string
  errors?: Record<string, string>
  requestId?: string
}
