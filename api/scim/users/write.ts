import { Hono, type Context } from 'hono'
import { AlreadyMemberError, inviteMember } from '../../core/memberships/invite.js'
import { linkProvisionedMember, MemberLeftMeanwhileError } from '../../core/memberships/link-provisioned.js'
import { sameJson, updateProvisionedMember } from '../../core/memberships/provisioned.js'
import { removeMember } from '../../core/memberships/remove.js'
import { blockMember } from '../../core/memberships/block.js'
import type { CoreDeps, Tx } from '../../core/types.js'
import { pauseBeforeRetry, retryable } from '../../db/pipelined-begin.js'
import { sendQueuedEmails } from '../../mail/dispatch.js'
import { ScimError, invalidSyntax } from '../errors.js'
import { ENTERPRISE_SCHEMA, tokenActor, type ScimEnv } from '../env.js'
import { applyUserPatch, normalizeOperation, normalizePatch } from '../patch/index.js'
import { canonicalize } from '../schema/resolve.js'
import { isPlainObject } from '../schema/index.js'
import { project, requestedProjection } from '../projection.js'
import { checkIfMatch, readJson, resourceId, scimJson } from '../respond.js'
import { emailOf, namesOf, provisionedAttributes } from './attributes.js'
import { LISTS_FROM_PERSON, toScimUser } from './representation.js'
import { findScimUser, lockScimMember, type ScimUserRow } from './store.js'

/**
 * A POST or PUT body, validated and coerced by the same rules as PATCH (it is applied as one
 * path-less add to an empty user): "True" becomes true, a bare manager id becomes {value}, ...
 * Read-only attributes and the password are ignored, as RFC 7643 asks.
 */
async function userBody(c: Context<ScimEnv>): Promise<Record<string, unknown>> {
  const json = await readJson(c)
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw invalidSyntax('The body must be a User object.')
  const { id: _id, meta: _meta, schemas: _schemas, groups: _groups, password: _password, ...attributes } = canonicalize('User', json)
  return applyUserPatch({}, normalizeOperation('User', { op: 'add', value: attributes }))
}

/** A write left in flight at COMMIT failed: its own error is the cause. */
class InFlightWriteFailed extends Error {}

/**
 * Runs a change in a transaction and reads the user back as its last statement, sent with the
 * COMMIT in one round trip (the read is started, not awaited, before the transaction ends). A
 * change may leave its last write in flight too (`written`, see sendBlock): then the write, the
 * read and the COMMIT all go out together.
 */
async function saveThenRead(
  c: Context<ScimEnv>,
  change: (tx: Tx) => Promise<{ membershipId: string; emailQueued: boolean; written?: Promise<void> }>,
): Promise<{ saved: ScimUserRow; emailQueued: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await saveThenReadOnce(c, change)
    } catch (error) {
      if (!(error instanceof InFlightWriteFailed)) throw error
      // A deadlock's victim there turns the COMMIT into a rollback whose cause the transaction's own
      // retry cannot see (deadlocks inside it are retried there already): run it again here.
      if (attempt >= 3 || !retryable(error.cause)) throw error.cause
      await pauseBeforeRetry(attempt)
    }
  }
}

async function saveThenReadOnce(
  c: Context<ScimEnv>,
  change: (tx: Tx) => Promise<{ membershipId: string; emailQueued: boolean; written?: Promise<void> }>,
): Promise<{ saved: ScimUserRow; emailQueued: boolean }> {
  const { db } = c.get('services')
  const accountId = c.get('token').accountId
  let written: Promise<void> | undefined
  try {
    const { reading, emailQueued } = await db.transaction(async (tx) => {
      written = undefined // the transaction may run again: only this run's write counts
      const changed = await change(tx)
      written = changed.written
      const reading = findScimUser(tx, accountId, changed.membershipId)
      reading.catch(() => {}) // awaited below, once the transaction has committed
      return { reading, emailQueued: changed.emailQueued }
    })
    await written
    const saved = await reading
    if (!saved) throw new Error('the user just saved could not be read back')
    return { saved, emailQueued }
  } catch (error) {
    // The write's own error says more than the rolled-back COMMIT.
    await written?.catch((cause: unknown) => {
      throw new InFlightWriteFailed('a write in flight at COMMIT failed', { cause })
    })
    throw error
  }
}

/** The user as saved; emails go out after the response, and only when the change queued one. */
function respondWithUser(c: Context<ScimEnv>, row: ScimUserRow, status: 200 | 201, emailQueued: boolean) {
  const user = toScimUser(row, c.get('services').config.appUrl)
  c.header('ETag', user.meta.version)
  if (status === 201) c.header('Location', user.meta.location)
  if (emailQueued) sendQueuedEmails(c as never)
  return scimJson(c, project(user, requestedProjection(c)), status)
}

/** The SCIM view of a stored user, as a body PATCH operations apply to. */
function editableBody(user: ReturnType<typeof toScimUser>): Record<string, unknown> {
  const { id: _id, meta: _meta, groups: _groups, schemas: _schemas, ...body } = user
  return body
}

/** What the SCIM view fills in from the person when the provider has not set it. */
const DERIVED = ['name', 'displayName', 'emails', 'phoneNumbers'] as const

/**
 * A PATCH applies to the view, derived values included; those it leaves as they were stay
 * unstored, so that a PATCH of `active` alone changes nothing else, nor reads as an update.
 */
function keepDerivedUnstored(body: Record<string, unknown>, current: Record<string, unknown>, stored: Record<string, unknown>) {
  // A part of a derived name changed: the name is stored from now on, but its derived `formatted`
  // spelled the old parts, so it is left out rather than kept contradicting them.
  const { name } = body
  if (!('name' in stored) && isPlainObject(name) && isPlainObject(current.name) && name.formatted === current.name.formatted) {
    if (!sameJson(name, current.name)) {
      const { formatted: _derived, ...parts } = name
      body.name = parts
    }
  }
  // An empty list shows as nothing (representation.ts): removing a phone the person never had is no
  // change. Emails or phone numbers the provider stored and the body leaves out (a PUT without
  // them, a GET's view of a stored empty list) are none: an empty list, so that the person's own do
  // not show instead, and a PUT or PATCH of what GET showed changes nothing.
  // Compared as JSON values whatever their keys' order: a provider may rebuild what it read.
  const shown = (value: unknown) => (Array.isArray(value) && value.length === 0 ? undefined : value)
  for (const key of DERIVED) {
    if (!(key in stored) && sameJson(shown(body[key]), shown(current[key]))) delete body[key]
    if (LISTS_FROM_PERSON.has(key) && Array.isArray(stored[key]) && !(key in body)) body[key] = []
  }
  return body
}

/**
 * Reads the user with a row lock, lets `change` compute the new body, and saves it through the
 * domain core in the same transaction: concurrent PUTs and PATCHes never lose each other's work.
 */
async function updateLocked(
  c: Context<ScimEnv>,
  id: string,
  change: (current: ReturnType<typeof toScimUser>, stored: Record<string, unknown>) => Record<string, unknown>,
) {
  const services = c.get('services')
  const token = c.get('token')
  let before: ScimUserRow | undefined
  let changed: string[] = []
  const result = await saveThenRead(c, async (tx) => {
    const locked = await lockScimMember(tx, token.accountId, id)
    if (!locked) throw new ScimError(404, `User ${id} not found.`)
    const { user: row, member } = locked
    before = row
    const current = toScimUser(row, services.config.appUrl)
    checkIfMatch(c, current.meta.version)
    const next = change(current, row.scim)
    // RFC 7643 gives `active` no default: a PUT that leaves it out, or a PATCH that removes it or
    // sets it to null, says nothing about access and must not undo a deactivation.
    const body = { ...next, active: next.active ?? current.active }
    const updated = await updateProvisionedMember({ ...services, db: tx as unknown as CoreDeps['db'] }, tokenActor(token), {
      accountId: token.accountId,
      membershipId: id,
      attributes: provisionedAttributes(body, { externalId: row.externalId, scim: row.scim }),
      sendInvitationEmail: token.sendInvitationEmail,
      locked: member,
    })
    changed = updated.changed
    return updated
  })
  return { ...result, before: before!, changed }
}

/** The log says what a request changed: a provider re-sending what is stored changed nothing. */
const unchanged = (before: ScimUserRow, saved: ScimUserRow) => before.version === saved.version

/** What an update did to the user's access, for the log: the same operations may do either. */
function activation(before: ScimUserRow, saved: ScimUserRow): string {
  if (before.state !== 'blocked' && saved.state === 'blocked') return ' (deactivated)'
  if (before.state === 'blocked' && saved.state !== 'blocked') return ' (reactivated)'
  return ''
}

/** A new user (POST): invited, or an unclaimed member with the same email taken over (link-provisioned.ts). */
function createOrTakeOver(c: Context<ScimEnv>, body: Record<string, unknown>, attributes: ReturnType<typeof provisionedAttributes>, email: string) {
  const services = c.get('services')
  const token = c.get('token')
  const invite = saveThenRead(c, async (tx) => {
    const scoped: CoreDeps = { ...services, db: tx as unknown as CoreDeps['db'] }
    const invited = await inviteMember(scoped, tokenActor(token), {
      accountId: token.accountId,
      ...namesOf(attributes, email),
      email,
      groupIds: [token.provisionGroupId],
      sendEmail: token.sendInvitationEmail && attributes.active,
      userName: attributes.userName,
      externalId: attributes.externalId,
      scim: attributes.scim,
    })
    if (!attributes.active) await blockMember(scoped, tokenActor(token), { accountId: token.accountId, membershipId: invited.membershipId })
    return invited
  })
  const inactive = attributes.active ? '' : ' (inactive)'
  return invite.then(
    (result) => ({ ...result, summary: `Created user ${attributes.userName}${inactive}` }),
    async (error) => {
      if (!(error instanceof AlreadyMemberError)) throw error
      let linkedEmail = email
      let wasBlocked = false
      const linked = await saveThenRead(c, async (tx) => {
        const result = await linkProvisionedMember({ ...services, db: tx as unknown as CoreDeps['db'] }, tokenActor(token), {
          accountId: token.accountId,
          email,
          attributes,
          // As in PUT and PATCH, RFC 7643 gives `active` no default: left out, access stays.
          keepAccess: body.active === undefined || body.active === null,
          sendInvitationEmail: token.sendInvitationEmail,
        })
        ;({ linkedEmail, wasBlocked } = result)
        return result
      })
      const blocked = linked.saved.state === 'blocked'
      const access = wasBlocked === blocked ? '' : blocked ? ' (deactivated)' : ' (reactivated)'
      return { ...linked, summary: `Created user ${attributes.userName}: took over ${linkedEmail}, a member added in Roster${access}` }
    },
  )
}

/** POST, PUT, PATCH and DELETE /Users: every change goes through the domain core. */
export const writeUsers = new Hono<ScimEnv>()
  .post('/', async (c) => {
    const body = await userBody(c)
    const attributes = provisionedAttributes(body)
    const email = emailOf(attributes)
    // The member an email conflicted with may leave (a decline, a removal) before the take-over
    // looks at them: the email is free again, and creating once more succeeds.
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await createOrTakeOver(c, body, attributes, email)
        c.set('scimSummary', created.summary)
        return respondWithUser(c, created.saved, 201, created.emailQueued)
      } catch (error) {
        if (!(error instanceof MemberLeftMeanwhileError) || attempt >= 3) throw error
      }
    }
  })
  .put('/:id', async (c) => {
    const id = resourceId(c)
    const body = await userBody(c)
    // Derived values sent back as they were read (Okta's GET then PUT) stay derived, as in PATCH.
    const { before, saved, emailQueued, changed } = await updateLocked(c, id, (current, stored) => keepDerivedUnstored({ ...body }, current, stored))
    const what = changed.length ? `: changed ${changed.join(', ')}` : ''
    c.set('scimSummary', `Replaced user ${String(body.userName)}${unchanged(before, saved) ? ': nothing changed' : `${what}${activation(before, saved)}`}`)
    return respondWithUser(c, saved, 200, emailQueued)
  })
  .patch('/:id', async (c) => {
    const id = resourceId(c)
    const ops = normalizePatch(await readJson(c), 'User')
    const { before, saved, emailQueued } = await updateLocked(c, id, (current, stored) =>
      keepDerivedUnstored(applyUserPatch(editableBody(current), ops, id), current, stored),
    )
    // A password is accepted and never stored (sign-in is the person's own): the log must not read as if it changed.
    const described = ops.map((op) => `${op.op} ${op.path ? pathText(op.path) : '(value)'}${op.path?.attribute === 'password' ? ' (ignored)' : ''}`).join(', ')
    c.set('scimSummary', `Patched user ${before.userName}: ${unchanged(before, saved) ? 'nothing changed' : `${described}${activation(before, saved)}`}`)
    return respondWithUser(c, saved, 200, emailQueued)
  })
  .delete('/:id', async (c) => {
    const services = c.get('services')
    const token = c.get('token')
    const id = resourceId(c)
    // Locked before If-Match is checked, as for PUT and PATCH: a change committed meanwhile is seen.
    const removed = await services.db.transaction(async (tx) => {
      const locked = await lockScimMember(tx, token.accountId, id)
      if (!locked) throw new ScimError(404, `User ${id} not found.`)
      checkIfMatch(c, toScimUser(locked.user, services.config.appUrl).meta.version)
      await removeMember({ ...services, db: tx as unknown as CoreDeps['db'] }, tokenActor(token), { accountId: token.accountId, membershipId: id })
      return locked.user
    })
    c.set('scimSummary', `Deleted user ${removed.userName}`)
    sendQueuedEmails(c as never)
    return c.body(null, 204)
  })

/** An operation's path for the log: administrators read "employeeNumber (enterprise)", not the URN. */
function pathText(path: unknown): string {
  if (typeof path === 'string') return path
  const p = path as { attribute?: string; subAttribute?: string; filter?: unknown }
  const attribute = p.attribute ?? ''
  if (attribute === ENTERPRISE_SCHEMA) return 'enterprise attributes'
  const enterprise = attribute.startsWith(ENTERPRISE_SCHEMA)
  const name = attribute.startsWith('urn:') ? attribute.slice(attribute.lastIndexOf(':') + 1) : attribute
  return [name, p.filter ? '[…]' : '', p.subAttribute ? `.${p.subAttribute}` : '', enterprise ? ' (enterprise)' : ''].join('')
}
