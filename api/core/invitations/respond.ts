import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { accounts, groupMembers, invitations, memberships, people } from '../../../drizzle/schema.js'
import { DomainError } from '../errors.js'
import { recordEvent } from '../events.js'
import { touchGroups } from '../group-members.js'
import { reservePasswordCheck } from '../password-attempts.js'
import { hashPassword, MAX_PASSWORD_LENGTH, newPasswordProblems, verifyPassword } from '../passwords.js'
import { nameProblem, normalizeEmail } from '../people.js'
import type { CoreDeps, Executor } from '../types.js'
import { INVITATION_TTL_MS, tokenHash } from './token.js'
import { isRandomToken } from '../crypto.js'
import { memberDetails } from '../member-details.js'

/** One answer for expired, replaced, withdrawn, used and unknown links: it tells a stranger nothing. */
export const linkNoLongerActive = () =>
  new DomainError(
    'not_found',
    'The invitation link is no longer active! Please check with the person who shared it with you or reach out to support.',
  )

export interface OpenInvitation {
  invitationId: string
  membershipId: string
  accountId: string
  accountName: string
  personId: string
  email: string
  /** Name and phone as the inviting account entered them: a registration starts the person's own from them. */
  firstName: string
  lastName: string
  countryCode: string | null
  phone: string | null
  hasPassword: boolean
}

async function findActive(db: Executor, token: string, now: Date, lock: boolean): Promise<OpenInvitation | null> {
  if (!isRandomToken(token)) return null
  const query = db
    .select({
      invitationId: invitations.id,
      membershipId: memberships.id,
      accountId: accounts.id,
      accountName: accounts.name,
      personId: people.id,
      email: people.email,
      firstName: memberDetails.firstName,
      lastName: memberDetails.lastName,
      countryCode: memberDetails.countryCode,
      phone: memberDetails.phone,
      hasPassword: sql<boolean>`${people.passwordHash} is not null`,
    })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(
      and(
        eq(invitations.tokenHash, await tokenHash(token)),
        eq(invitations.status, 'pending'),
        eq(memberships.state, 'invited'),
        isNull(memberships.endedAt),
        gt(memberships.expiresAt, now),
      ),
    )
  // The member first, then the invitation (PostgreSQL locks them in the order named), as every
  // change of a member does: a block takes the member, then withdraws the invitation.
  const rows = lock ? await query.for('update', { of: [memberships, invitations] }) : await query
  return rows[0] ?? null
}

/** How long a used link still shows that it was accepted: as long as an unused one would have lived. */
const ACCEPTED_PAGE_MS = INVITATION_TTL_MS

/**
 * An invitation accepted within the last 7 days by a member still active in the account, for the page
 * that says so (and how to sign in): the accept form redirects there, so that reloading it does
 * not post the form again into a used link, and the email's link opened again leads there too.
 */
export async function recentlyAccepted(deps: CoreDeps, token: string): Promise<{ accountName: string; email: string } | null> {
  if (!isRandomToken(token)) return null
  const since = new Date(deps.clock.now().getTime() - ACCEPTED_PAGE_MS)
  const [row] = await deps.db
    .select({ accountName: accounts.name, email: people.email })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(
      and(
        eq(invitations.tokenHash, await tokenHash(token)),
        eq(invitations.status, 'accepted'),
        gt(invitations.endedAt, since),
        // Not once removed or deactivated: "sign in" would only be refused.
        isNull(memberships.endedAt),
        eq(memberships.state, 'active'),
      ),
    )
  return row ?? null
}

/**
 * An invitation declined within the last hour, for the page that says so: the decline form
 * redirects there, so that reloading it does not post the form again into a dead link. Like
 * recentlyAccepted, it names only the account.
 */
export async function recentlyDeclined(deps: CoreDeps, token: string): Promise<{ accountName: string } | null> {
  if (!isRandomToken(token)) return null
  const since = new Date(deps.clock.now().getTime() - 60 * 60 * 1000)
  const [row] = await deps.db
    .select({ accountName: accounts.name })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(invitations.tokenHash, await tokenHash(token)), eq(invitations.status, 'declined'), gt(invitations.endedAt, since)))
  return row ?? null
}

/** What the welcome page shows. Reading changes nothing: mail scanners open links too. */
export function openInvitation(deps: CoreDeps, token: string): Promise<OpenInvitation | null> {
  return findActive(deps.db, token, deps.clock.now(), false)
}

export interface AcceptInput {
  /** For a person registering now. Ignored for a person who already has a password. */
  firstName?: string
  lastName?: string
  password: string
  confirmPassword?: string
  acceptTerms?: boolean
  /** The caller's address, for the password-attempt limit (password-attempts.ts). */
  client?: string | null
}

/**
 * Accepts once: the invitation row is locked and re-checked inside the transaction, so of two
 * concurrent accepts exactly one wins and the other sees a dead link.
 */
export async function acceptInvitation(deps: CoreDeps, token: string, input: AcceptInput) {
  const now = deps.clock.now()
  const preview = await findActive(deps.db, token, now, false)
  if (!preview) throw linkNoLongerActive()
  let passwordHash: string | null = null
  let verifiedHash: string | null = null
  if (preview.hasPassword) {
    if (!input.password) throw new DomainError('validation_failed', 'Please correct the highlighted fields.', { password: 'Enter your password.' })
    // The same guesses as on the sign-in form, against the same limit: whoever holds a link
    // (an administrator who copied it, say) must not get unlimited tries at the person's password.
    const check = await reservePasswordCheck(deps.db, normalizeEmail(preview.email), now, input.client ?? null)
    const [person] = await deps.db.select({ hash: people.passwordHash }).from(people).where(eq(people.id, preview.personId))
    if (!(await verifyPassword(input.password.slice(0, MAX_PASSWORD_LENGTH), person?.hash ?? null))) {
      await check.failed()
      throw new DomainError('invalid_credentials', 'The password is not correct.', { password: 'The password is not correct.' })
    }
    await check.passed()
    verifiedHash = person!.hash
  } else {
    const fields: Record<string, string> = {}
    const firstName = nameProblem(input.firstName, 'your first name')
    if (firstName) fields.firstName = firstName
    const lastName = nameProblem(input.lastName, 'your last name')
    if (lastName) fields.lastName = lastName
    Object.assign(fields, newPasswordProblems(input.password, input.confirmPassword))
    if (!input.acceptTerms) fields.acceptTerms = 'Accept the terms of use to continue.'
    if (Object.keys(fields).length) throw new DomainError('validation_failed', 'Please correct the highlighted fields.', fields)
    passwordHash = await hashPassword(input.password)
  }

  return deps.db.transaction(async (tx) => {
    const invitation = await findActive(tx, token, now, true)
    if (!invitation || invitation.invitationId !== preview.invitationId) throw linkNoLongerActive()
    // A new password chosen while this one was being checked: the old one accepts nothing. Locked
    // (after the membership, as every change locks them), so that a reset waits for this.
    if (verifiedHash) {
      const [unchanged] = await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.id, invitation.personId), eq(people.passwordHash, verifiedHash)))
        .for('share')
      if (!unchanged) throw new DomainError('invalid_credentials', 'The password is not correct.', { password: 'The password is not correct.' })
    }
    // The time once locked: after any change it waited for (a resend, say), and after the password's
    // hashing, so that the history lists the acceptance after what came before it.
    const at = deps.clock.now()
    await tx.update(invitations).set({ status: 'accepted', endedAt: at }).where(eq(invitations.id, invitation.invitationId))
    await tx
      .update(memberships)
      .set({ state: 'active', joinedAt: at, expiresAt: null, updatedAt: at })
      .where(eq(memberships.id, invitation.membershipId))
    if (passwordHash) {
      // Only if nobody set a password in between (the person accepting two accounts' invitations at once).
      const registered = await tx
        .update(people)
        // The phone too: the people row was filled by whichever account invited first, and what the
        // person registers with must be only theirs and this account's (member-details.ts).
        .set({
          firstName: input.firstName!.trim(),
          lastName: input.lastName!.trim(),
          countryCode: invitation.countryCode,
          phone: invitation.phone,
          passwordHash,
          updatedAt: at,
        })
        .where(and(eq(people.id, invitation.personId), isNull(people.passwordHash)))
        .returning({ id: people.id })
      if (registered.length === 0) throw linkNoLongerActive()
    }
    await recordEvent(tx, {
      accountId: invitation.accountId,
      membershipId: invitation.membershipId,
      type: 'invitation_accepted',
      actor: { type: 'invitee', personId: invitation.personId, label: invitation.email },
      at,
    })
    return invitation
  })
}

/** Declining withdraws the invitation: the membership ends and the history says it was declined. */
export async function declineInvitation(deps: CoreDeps, token: string) {
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const invitation = await findActive(tx, token, now, true)
    if (!invitation) throw linkNoLongerActive()
    const at = deps.clock.now() // once locked, as for accepting
    await tx.update(invitations).set({ status: 'declined', endedAt: at }).where(eq(invitations.id, invitation.invitationId))
    await tx
      .update(memberships)
      .set({ endedAt: at, endReason: 'declined', updatedAt: at })
      .where(eq(memberships.id, invitation.membershipId))
    const left = await tx
      .delete(groupMembers)
      .where(eq(groupMembers.membershipId, invitation.membershipId))
      .returning({ groupId: groupMembers.groupId })
    await touchGroups(tx, left.map((row) => row.groupId), at)
    await recordEvent(tx, {
      accountId: invitation.accountId,
      membershipId: invitation.membershipId,
      type: 'invitation_declined',
      actor: { type: 'invitee', personId: invitation.personId, label: invitation.email },
      at,
    })
    return invitation
  })
}
