import { Hono, type Context } from 'hono'
import { userReference } from '../middleware/provisioning-log.js'
import { addGroupMembers, deleteProvisionedGroup, fallBack, lockMembers, memberIdsOfGroup, removeGroupMembers, replaceGroupMembers, type MemberChange } from '../../core/group-members.js'
import { createGroup, setGroupExternalId, tokensProvisioningInto, updateGroup } from '../../core/groups.js'
import type { CoreDeps, Tx } from '../../core/types.js'
import { ScimError, invalidSyntax, invalidValue } from '../errors.js'
import { tokenActor, type ScimEnv } from '../env.js'
import { memberIds, normalizePatch, planGroupPatch, type GroupPatchStep } from '../patch/index.js'
import { canonicalize } from '../schema/resolve.js'
import { asksForAttributes, project, requestedProjection } from '../projection.js'
import { wants } from '../list-params.js'
import { checkIfMatch, readJson, resourceId, scimJson } from '../respond.js'
import { MAX_VALUE_LENGTH } from '../users/attributes.js'
import { groupVersion, toScimGroup } from './representation.js'
import { findScimGroup, readScimGroup, withMembers, type ScimGroupRow } from './store.js'

interface GroupBody {
  displayName: string
  externalId: string | null
  members?: string[]
}

function boundedExternalId(externalId: string) {
  if (externalId.length > MAX_VALUE_LENGTH) throw invalidValue(`externalId is at most ${MAX_VALUE_LENGTH.toLocaleString('en')} characters.`)
}

function groupBody(json: unknown): GroupBody {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw invalidSyntax('The body must be a Group object.')
  const body = canonicalize('Group', json as Record<string, unknown>) as Record<string, unknown>
  // Its length is the core's rule (createGroup / updateGroup), the same for every caller.
  if (typeof body.displayName !== 'string' || !body.displayName.trim()) throw invalidValue('displayName is required.')
  if (body.externalId !== undefined && body.externalId !== null && typeof body.externalId !== 'string') throw invalidValue('externalId must be a string.')
  if (typeof body.externalId === 'string') boundedExternalId(body.externalId)
  const members = body.members === undefined || body.members === null ? undefined : body.members
  if (members !== undefined && !Array.isArray(members)) throw invalidValue('members must be an array.')
  return {
    displayName: body.displayName,
    externalId: typeof body.externalId === 'string' ? body.externalId : null,
    members: members === undefined ? undefined : memberIds(members),
  }
}

/** Runs `work` in one transaction with the domain core bound to it: all of a request, or none. */
function inTransaction<T>(c: Context<ScimEnv>, work: (deps: CoreDeps, tx: Tx) => Promise<T>) {
  const services = c.get('services')
  return services.db.transaction((tx) => work({ ...services, db: tx as unknown as CoreDeps['db'] }, tx))
}

async function respondWithGroup(c: Context<ScimEnv>, id: string, status: 200 | 201) {
  const { db, config } = c.get('services')
  const row = await readScimGroup(db, c.get('token').accountId, id)
  if (!row) throw new ScimError(404, `Group ${id} not found.`)
  const projection = requestedProjection(c)
  const [shown] = wants(projection, 'members') ? await withMembers(db, [row]) : [{ row, members: undefined }]
  const group = toScimGroup(shown!.row, shown!.members, config.appUrl)
  c.header('ETag', group.meta.version)
  if (status === 201) c.header('Location', group.meta.location)
  return scimJson(c, project(group, projection), status)
}

/**
 * Locks the group row for the request's transaction, then checks If-Match against it. The version
 * is read by a statement of its own, after the lock: one that waited for the lock would see the
 * members as they were when it began.
 */
async function lockedGroup(c: Context<ScimEnv>, tx: Tx, id: string, lock: 'no key update' | 'update' = 'no key update') {
  const row = await findScimGroup(tx, c.get('token').accountId, id, { lock })
  if (!row) throw new ScimError(404, `Group ${id} not found.`)
  if (c.req.header('if-match')) {
    const current = await readScimGroup(tx, c.get('token').accountId, id)
    checkIfMatch(c, groupVersion(current!))
  }
  return row
}

/**
 * Locks the members a group write will touch before the group itself: those it names, and, for a
 * write that replaces or removes them all, those the group has. A user's removal or a change of
 * their groups takes the member, then the group: the same order, so the two never deadlock.
 * (A member joining between this read and the group lock is locked later; the rare deadlock that
 * leaves is retried.)
 */
async function lockMembersFirst(c: Context<ScimEnv>, tx: Tx, groupId: string, named: string[], current: boolean) {
  const ids = current ? [...named, ...(await memberIdsOfGroup(tx, groupId))] : named
  await lockMembers(tx, c.get('token').accountId, ids)
}

/**
 * The group, unlocked, for the refusals that need no lock (404, another token's Administrators):
 * a request that will be refused must not first lock every member it names.
 */
async function groupToChange(c: Context<ScimEnv>, tx: Tx, id: string, steps: GroupPatchStep[]) {
  const group = await findScimGroup(tx, c.get('token').accountId, id)
  if (!group) throw new ScimError(404, `Group ${id} not found.`)
  guardAdministrators(c, group, steps)
  return group
}

const MEMBER_STEPS = new Set<GroupPatchStep['kind']>(['addMembers', 'removeMembers', 'removeAllMembers', 'replaceMembers'])

/**
 * Administrators are made in the admin UI, or by a token an administrator chose to provision into
 * Administrators: any other token changing that group's members would decide who administers the
 * account. Providers match groups by name, so a pushed "Administrators" group lands here. (Ending a
 * user's access, administrator or not, stays the provider's: deactivation and DELETE are
 * offboarding, and the last active administrator is kept by the core.)
 */
function guardAdministrators(c: Context<ScimEnv>, group: ScimGroupRow, steps: GroupPatchStep[]) {
  if (!group.isDefault || c.get('token').provisionGroupId === group.id) return
  if (steps.some((step) => MEMBER_STEPS.has(step.kind))) {
    throw new ScimError(
      403,
      `The members of "${group.name}" are the account's administrators: change them in Roster, or let this token provision into "${group.name}" on the API tokens page.`,
    )
  }
}

/** What one request did to a group, for the provisioning log: what changed, not what was asked. */
interface GroupChanges {
  /** Name and externalId before the request, and as its steps left them. */
  before: { name: string; externalId: string | null }
  after: { name: string; externalId: string | null }
  /** The members in the group now and not before, and the other way round: net of the steps. */
  added: Set<string>
  removed: Set<string>
  unknown: Set<string>
  kept: number
  fellBack: number
  touchedMembers: boolean
}

const noChanges = (group: { name: string; externalId: string | null }): GroupChanges => ({
  before: { ...group },
  after: { ...group },
  added: new Set(),
  removed: new Set(),
  unknown: new Set(),
  kept: 0,
  fellBack: 0,
  touchedMembers: false,
})

async function applyStep(c: Context<ScimEnv>, deps: CoreDeps, tx: Tx, groupId: string, step: GroupPatchStep, changes: GroupChanges) {
  const token = c.get('token')
  const ctx = { accountId: token.accountId, groupId, actor: tokenActor(token), now: deps.clock.now() }
  const counted = (change: MemberChange) => {
    changes.touchedMembers = true
    // A member removed and added back (or the other way round) in one request has not changed.
    for (const id of change.added) if (!changes.removed.delete(id)) changes.added.add(id)
    for (const id of change.removed) if (!changes.added.delete(id)) changes.removed.add(id)
    changes.kept += change.kept
    changes.fellBack += change.fellBack
    for (const id of change.unknown) changes.unknown.add(id)
  }
  switch (step.kind) {
    case 'rename':
      changes.after.name = (await updateGroup(deps, token.accountId, groupId, { name: step.displayName })).name
      return
    case 'externalId':
      if (step.value === changes.after.externalId) return
      if (step.value !== null) boundedExternalId(step.value)
      changes.after.externalId = step.value
      return setGroupExternalId(deps, token.accountId, groupId, step.value)
    case 'addMembers':
      return counted(await addGroupMembers(tx, ctx, step.ids))
    // Members left with no group fall back once every step has run (fallBackOrphans).
    case 'removeMembers':
      return counted(await removeGroupMembers(tx, ctx, step.ids, token.provisionGroupId, false))
    case 'removeAllMembers':
      return counted(await removeGroupMembers(tx, ctx, null, token.provisionGroupId, false))
    case 'replaceMembers':
      return counted(await replaceGroupMembers(tx, ctx, step.ids, token.provisionGroupId, false))
  }
}

/**
 * After all the steps of a request: the members it removed that have no group left join the
 * token's group. Not after each step, or a member removed and added back in one PATCH would also
 * join the token's group (Administrators, for a token that provisions into it).
 */
async function fallBackOrphans(c: Context<ScimEnv>, deps: CoreDeps, tx: Tx, groupId: string, changes: GroupChanges) {
  const token = c.get('token')
  if (groupId === token.provisionGroupId) return
  const ctx = { accountId: token.accountId, groupId, actor: tokenActor(token), now: deps.clock.now() }
  changes.fellBack += await fallBack(tx, ctx, [...changes.removed], token.provisionGroupId)
}

const members = (count: number) => `${count} ${count === 1 ? 'member' : 'members'}`
/** A few members by name (resolved once the response is sent: provisioning-log.ts), more by their number. */
const named = (ids: string[]) => (ids.length <= 3 ? ids.map(userReference).join(', ') : members(ids.length))

/** "renamed to Sales, added 2 members, left out an id that is not a user of this account (…)", or "nothing changed". */
function describe(changes: GroupChanges): string {
  const parts: string[] = []
  if (changes.after.name !== changes.before.name) parts.push(`renamed to ${changes.after.name}`)
  if (changes.after.externalId !== changes.before.externalId) parts.push(changes.after.externalId === null ? 'externalId removed' : 'externalId set')
  if (changes.added.size) parts.push(`added ${named([...changes.added])}`)
  if (changes.removed.size) parts.push(`removed ${named([...changes.removed])}`)
  if (changes.touchedMembers && !changes.added.size && !changes.removed.size) parts.push('members unchanged')
  if (changes.kept) parts.push(`kept ${members(changes.kept)} whose only group this is (the token's own)`)
  if (changes.fellBack) parts.push(`${members(changes.fellBack)} left without a group joined the token's own`)
  const unknown = [...changes.unknown]
  if (unknown.length) {
    const shown = unknown.slice(0, 3).join(', ') + (unknown.length > 3 ? ', …' : '')
    parts.push(`left out ${unknown.length === 1 ? 'an id that is not a user' : `${unknown.length} ids that are not users`} of this account (${shown})`)
  }
  return parts.join(', ') || 'nothing changed'
}

/** POST, PUT, PATCH and DELETE /Groups. Members are rows, changed by single statements. */
export const writeGroups = new Hono<ScimEnv>()
  .post('/', async (c) => {
    const body = groupBody(await readJson(c))
    const token = c.get('token')
    const { id, changes } = await inTransaction(c, async (deps, tx) => {
      const changes = noChanges({ name: body.displayName, externalId: body.externalId })
      const group = await createGroup(deps, token.accountId, { name: body.displayName })
      if (body.externalId) await setGroupExternalId(deps, token.accountId, group.id, body.externalId)
      if (body.members?.length) await applyStep(c, deps, tx, group.id, { kind: 'addMembers', ids: body.members }, changes)
      return { id: group.id, changes }
    })
    c.set('scimSummary', `Created group ${body.displayName}${changes.touchedMembers ? `: ${describe(changes)}` : ''}`)
    return respondWithGroup(c, id, 201)
  })
  .put('/:id', async (c) => {
    const id = resourceId(c)
    const body = groupBody(await readJson(c))
    const changes = await inTransaction(c, async (deps, tx) => {
      await groupToChange(c, tx, id, body.members ? [{ kind: 'replaceMembers', ids: body.members }] : [])
      await lockMembersFirst(c, tx, id, body.members ?? [], body.members !== undefined)
      const current = await lockedGroup(c, tx, id)
      const changes = noChanges(current)
      if (current.name !== body.displayName) await applyStep(c, deps, tx, id, { kind: 'rename', displayName: body.displayName }, changes)
      await applyStep(c, deps, tx, id, { kind: 'externalId', value: body.externalId }, changes)
      if (body.members) await applyStep(c, deps, tx, id, { kind: 'replaceMembers', ids: body.members }, changes)
      await fallBackOrphans(c, deps, tx, id, changes)
      return changes
    })
    c.set('scimSummary', `Replaced group ${body.displayName}: ${describe(changes)}`)
    return respondWithGroup(c, id, 200)
  })
  .patch('/:id', async (c) => {
    const id = resourceId(c)
    const steps = planGroupPatch(normalizePatch(await readJson(c), 'Group'), id)
    const { group, changes } = await inTransaction(c, async (deps, tx) => {
      const all = steps.some((step) => step.kind === 'replaceMembers' || step.kind === 'removeAllMembers')
      await groupToChange(c, tx, id, steps)
      await lockMembersFirst(c, tx, id, steps.flatMap((step) => ('ids' in step ? step.ids : [])), all)
      const current = await lockedGroup(c, tx, id)
      const changes = noChanges(current)
      for (const step of steps) await applyStep(c, deps, tx, id, step, changes)
      await fallBackOrphans(c, deps, tx, id, changes)
      return { group: current, changes }
    })
    c.set('scimSummary', `Patched group ${group.name}: ${describe(changes)}`)
    // RFC 7644 §3.5.2: 204 unless the client asked for attributes; then 200 with them.
    return asksForAttributes(requestedProjection(c)) ? respondWithGroup(c, id, 200) : c.body(null, 204)
  })
  .delete('/:id', async (c) => {
    const id = resourceId(c)
    const token = c.get('token')
    const { group, fellBack } = await inTransaction(c, async (deps, tx) => {
      const seen = await groupToChange(c, tx, id, [])
      // Administrators, the token's own group and another token's are refused below, before they
      // change: no locks for them.
      const refused = seen.isDefault || seen.id === token.provisionGroupId || (await tokensProvisioningInto(tx, token.accountId, id)).length > 0
      if (!refused) await lockMembersFirst(c, tx, id, [], true)
      const current = await lockedGroup(c, tx, id, 'update')
      const change = await deleteProvisionedGroup(tx, { accountId: token.accountId, groupId: id, actor: tokenActor(token), now: deps.clock.now() }, token.provisionGroupId)
      return { group: current, fellBack: change.fellBack }
    })
    c.set('scimSummary', `Deleted group ${group.name}${fellBack ? `: ${members(fellBack)} left without a group joined the token's own` : ''}`)
    return c.body(null, 204)
  })
