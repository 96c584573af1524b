import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull()
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
})

/** A person is identified platform-wide by their email; name and phone are theirs, not an account's. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    /** lower(trim(email)): the identity used for uniqueness and look-ups. */
    emailNormalized: text('email_normalized').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    countryCode: text('country_code'),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [unique('people_email_normalized_key').on(t.emailNormalized)],
)

/** Stored states; "invitation expired" is derived from expires_at and the clock, never stored. */
export const membershipState = pgEnum('membership_state', ['invited', 'active', 'blocked'])
export const membershipEnd = pgEnum('membership_end', ['removed', 'declined'])

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    state: membershipState('state').notNull(),
    invitedByPersonId: uuid('invited_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    invitedAt: ts('invited_at'),
    expiresAt: ts('expires_at'),
    joinedAt: ts('joined_at'),
    lastSignInAt: ts('last_sign_in_at'),
    /** Set when the membership ends (removed or declined); the row stays for the history. */
    endedAt: ts('ended_at'),
    endReason: membershipEnd('end_reason'),
    /** The state a SCIM `active=false` interrupted, restored by `active=true`. */
    stateBeforeBlock: membershipState('state_before_block'),
    /** SCIM userName: unique in the account, case-insensitively. */
    userName: text('user_name'),
    externalId: text('external_id'),
    /**
     * The invitee's name and phone as this account entered them (its administrator or identity
     * provider): what the account sees until the person joins it, never another account's entry
     * nor the person's own profile (see api/core/member-details.ts). Null on older rows.
     */
    inviteeFirstName: text('invitee_first_name'),
    inviteeLastName: text('invitee_last_name'),
    inviteeCountryCode: text('invitee_country_code'),
    inviteePhone: text('invitee_phone'),
    /** The rest of the SCIM User as the identity provider last set it (title, enterprise extension, ...). */
    scim: jsonb('scim').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    /** Every change sets it: the SCIM meta.lastModified (the ETag hashes the whole view). */
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique('memberships_id_account_key').on(t.id, t.accountId),
    uniqueIndex('memberships_user_name_per_account')
      .on(t.accountId, sql`lower(${t.userName})`)
      .where(sql`${t.endedAt} is null`),
    index('memberships_external_id_idx').on(t.accountId, t.externalId).where(sql`${t.endedAt} is null`),
    uniqueIndex('memberships_one_live_per_person')
      .on(t.accountId, t.personId)
      .where(sql`${t.endedAt} is null`),
    // The order of lists and SCIM pages (created_at, then id): a deep page skips its OFFSET in the
    // index alone, without reading each skipped row or sorting ties by id.
    index('memberships_account_live_order_idx').on(t.accountId, t.createdAt, t.id).where(sql`${t.endedAt} is null`),
    index('memberships_person_idx').on(t.personId),
    // An invitation without an end would be neither valid nor expired to the rules that read it.
    check('memberships_invited_has_expiry', sql`${t.state} <> 'invited' or ${t.expiresAt} is not null`),
  ],
)

export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isDefault: boolean('is_default').notNull().default(false),
    externalId: text('external_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique('groups_id_account_key').on(t.id, t.accountId),
    uniqueIndex('groups_name_per_account').on(t.accountId, sql`lower(${t.name})`),
    uniqueIndex('groups_one_default_per_account').on(t.accountId).where(sql`${t.isDefault}`),
  ],
)

/** account_id is repeated so that composite foreign keys forbid a group and a member of different accounts. */
export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id').notNull(),
    membershipId: uuid('membership_id').notNull(),
    accountId: uuid('account_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'group_members_pkey', columns: [t.groupId, t.membershipId] }),
    foreignKey({
      name: 'group_members_group_fk',
      columns: [t.groupId, t.accountId],
      foreignColumns: [groups.id, groups.accountId],
    }), // no cascade: a group with members cannot be deleted, and the database says so
    foreignKey({
      name: 'group_members_membership_fk',
      columns: [t.membershipId, t.accountId],
      foreignColumns: [memberships.id, memberships.accountId],
    }).onDelete('cascade'),
    index('group_members_membership_idx').on(t.membershipId),
    // A group's last join, from the index alone: a join moves the group's meta.lastModified without
    // writing the group's row, which every create joining the provisioning group would queue on.
    index('group_members_group_joined_idx').on(t.groupId, t.createdAt),
  ],
)

export const invitationStatus = pgEnum('invitation_status', [
  'pending',
  'accepted',
  'declined',
  'replaced',
  'withdrawn',
])

/**
 * The link's token is HMAC(APP_SECRET, seed): the seed alone (what a dump holds) cannot produce it,
 * the server can recompute it for "Copy invitation link", and token_hash finds the row.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id').notNull(),
    membershipId: uuid('membership_id').notNull(),
    seed: text('seed').notNull(),
    tokenHash: text('token_hash').notNull(),
    status: invitationStatus('status').notNull().default('pending'),
    createdAt: createdAt(),
    endedAt: ts('ended_at'),
    /** When its "invitation expired" history line was written (core/events.ts), once. */
    expiryRecordedAt: ts('expiry_recorded_at'),
  },
  (t) => [
    unique('invitations_token_hash_key').on(t.tokenHash),
    // The invitations whose expiry may still need its line: pending, not yet written. Expired ones
    // leave it once written, so the search stays as small as the last week's invitations.
    index('invitations_expiry_unrecorded_idx')
      .on(t.accountId)
      .where(sql`${t.status} = 'pending' and ${t.expiryRecordedAt} is null`),
    foreignKey({
      name: 'invitations_membership_fk',
      columns: [t.membershipId, t.accountId],
      foreignColumns: [memberships.id, memberships.accountId],
    }).onDelete('cascade'),
    uniqueIndex('invitations_one_pending_per_membership')
      .on(t.membershipId)
      .where(sql`${t.status} = 'pending'`),
  ],
)

/** Only the SHA-256 of the session token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
  },
  // expires_at: maintenance deletes the sessions that ran out.
  (t) => [index('sessions_person_idx').on(t.personId), index('sessions_expires_idx').on(t.expiresAt)],
)

export const eventActor = pgEnum('event_actor', ['administrator', 'api_token', 'invitee', 'system'])

/** The history of every membership change. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id').notNull(),
    type: text('type').notNull(),
    actorType: eventActor('actor_type').notNull(),
    actorPersonId: uuid('actor_person_id'),
    actorLabel: text('actor_label').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    index('events_account_membership_idx').on(t.accountId, t.membershipId, t.occurredAt),
    // The History page's order (occurred_at, then id): a deep page skips its OFFSET in the index.
    index('events_account_time_id_idx').on(t.accountId, t.occurredAt, t.id),
    // One "expired" event per invitation, however often the sweep runs.
    uniqueIndex('events_expired_once')
      .on(sql`(${t.data} ->> 'invitationId')`)
      .where(sql`${t.type} = 'invitation_expired'`),
  ],
)

export const emailKind = pgEnum('email_kind', ['invitation', 'removed'])
/** queued → sent (accepted by the provider) → delivered | bounced | complained; failed = given up. */
export const emailStatus = pgEnum('email_status', ['queued', 'sent', 'failed', 'delivered', 'bounced', 'complained'])

/**
 * Outbox: written in the same transaction as the change that causes it. Holds what to render, never
 * the invitation link (it is recomputed from the invitation at send time).
 */
export const emails = pgTable(
  'emails',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id'),
    invitationId: uuid('invitation_id'),
    kind: emailKind('kind').notNull(),
    to: text('to').notNull(),
    props: jsonb('props').$type<Record<string, unknown>>().notNull(),
    status: emailStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /**
     * Not to be picked before this time: a dispatcher's claim (lease) while it sends, or the
     * backoff before the next try.
     */
    lockedUntil: ts('locked_until'),
    providerId: text('provider_id'),
    /** A try got no answer (a timeout): the provider may have sent it though no id was recorded. */
    outcomeUnknown: boolean('outcome_unknown').notNull().default(false),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
    /** When the status last changed (a webhook's time for delivered, bounced, complained). */
    statusAt: ts('status_at'),
  },
  (t) => [
    index('emails_queued_idx').on(t.createdAt).where(sql`${t.status} = 'queued'`),
    index('emails_account_idx').on(t.accountId, t.createdAt),
    index('emails_membership_idx').on(t.membershipId, t.createdAt),
    uniqueIndex('emails_provider_id_key').on(t.providerId),
  ],
)

/**
 * "Forgot your password?": a link emailed to the person, proof that the address is theirs. Only the
 * link's SHA-256 is kept; it works once, for an hour.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [uniqueIndex('password_resets_token_hash_key').on(t.tokenHash), index('password_resets_person_idx').on(t.personId, t.createdAt)],
)

/** The development mailbox: rendered messages, kept only when no email provider is configured. */
export const mailbox = pgTable(
  'mailbox',
  {
    id: uuid('id').primaryKey(),
    emailId: uuid('email_id').notNull(),
    /** Null for a person's own email (a password reset), which belongs to no account. */
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    to: text('to').notNull(),
    from: text('from').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('mailbox_email_id_key').on(t.emailId),
    index('mailbox_account_idx').on(t.accountId, t.createdAt),
  ],
)

/** Failed sign-in attempts, counted in the database so every isolate sees the same limit. */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    emailNormalized: text('email_normalized').notNull(),
    /** The address the attempt came from, when the runtime knows it (api/core/password-attempts.ts). */
    client: text('client'),
    attemptedAt: ts('attempted_at').notNull(),
    /** Set while the password is being checked: an attempt in flight, not (yet) a failure. */
    pendingUntil: ts('pending_until'),
  },
  (t) => [index('sign_in_attempts_email_idx').on(t.emailNormalized, t.attemptedAt)],
)

/**
 * Bearer tokens identity providers use for SCIM. Only the SHA-256 of the token is kept; the rate
 * window lives on the row so that every isolate counts the same requests.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters, so that people can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    /**
     * The group provisioned users join, and fall back to when removed from their last group. A
     * revoked token lets go of it, so that only live tokens keep a group from being deleted.
     */
    provisionGroupId: uuid('provision_group_id'),
    sendInvitationEmail: boolean('send_invitation_email').notNull().default(true),
    createdByPersonId: uuid('created_by_person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    unique('api_tokens_token_hash_key').on(t.tokenHash),
    uniqueIndex('api_tokens_name_per_account').on(t.accountId, sql`lower(${t.name})`).where(sql`${t.revokedAt} is null`),
    check('api_tokens_live_has_group', sql`${t.revokedAt} is not null or ${t.provisionGroupId} is not null`),
    foreignKey({
      name: 'api_tokens_provision_group_fk',
      columns: [t.provisionGroupId, t.accountId],
      foreignColumns: [groups.id, groups.accountId],
    }),
  ],
)

/**
 * Last use and the current one-second rate window of each token: soft state, kept apart from the
 * token so that counting a request never waits for a durable commit (the migration makes this
 * table UNLOGGED) and every isolate still counts the same requests.
 */
export const apiTokenUsage = pgTable('api_token_usage', {
  tokenId: uuid('token_id')
    .primaryKey()
    .references(() => apiTokens.id, { onDelete: 'cascade' }),
  windowStart: ts('window_start').notNull(),
  requests: integer('requests').notNull(),
  lastUsedAt: ts('last_used_at').notNull(),
})

/** Every SCIM request of an account, kept 30 days. */
export const provisioningLog = pgTable(
  'provisioning_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tokenId: uuid('token_id'),
    tokenName: text('token_name'),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** What changed, or why it failed, in a sentence. */
    summary: text('summary').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    index('provisioning_log_account_at_idx').on(t.accountId, t.at),
    // The log filtered by token (the page's token filter).
    index('provisioning_log_account_token_at_idx').on(t.accountId, t.tokenId, t.at),
    index('provisioning_log_at_idx').on(t.at),
  ],
)
