import { rawQuery } from '../db/raw-query.js'
import { DomainError } from './errors.js'
import type { Executor } from './types.js'

// The one rule every channel keeps: an account has an active administrator, a live Active member
// of its Administrators group. Every change that could take the last one away (a block, a
// removal, groups edited, members taken out of Administrators) locks the group first, and reads
// what remains in a statement of its own after the lock, so that it sees every such change that
// committed before it.
const LOCK_ADMINISTRATORS = `select id from groups where id = $1 for update`

const ANOTHER_REMAINS = `select exists (select 1 from group_members gm join memberships m on m.id = gm.membership_id
    where gm.group_id = $1 and m.state = 'active' and m.ended_at is null and m.id is distinct from $2::uuid) as remains`

export const lastActiveAdministrator = () =>
  new DomainError('conflict', 'This is the last active administrator of the account; add another administrator first.')

/** Locks the Administrators group `groupId` for the rest of the transaction. */
export async function lockAdministrators(tx: Executor, groupId: string): Promise<void> {
  await rawQuery(tx)(LOCK_ADMINISTRATORS, [groupId])
}

/**
 * Throws unless an active administrator other than `leaving` (null: whoever has already left in
 * this transaction) remains in the Administrators group `groupId`, which the caller has locked.
 */
export async function assertActiveAdministratorRemains(tx: Executor, groupId: string, leaving: string | null): Promise<void> {
  const [row] = await rawQuery(tx)<{ remains: boolean }>(ANOTHER_REMAINS, [groupId, leaving])
  if (!row?.remains) throw lastActiveAdministrator()
}
