import { and, eq, gt } from 'drizzle-orm'
import { accounts, invitations, memberships } from '../../drizzle/schema.js'
import { looksLikeToken, tokenHash } from '../core/invitations/token.js'
import type { CoreDeps } from '../core/types.js'

/**
 * An invitation declined within the last hour, for the page that says so: the decline form
 * redirects there, so that reloading it does not post the form again into a dead link. The twin
 * of recentlyAccepted (core/invitations/respond.ts), and like it it names only the account.
 */
export async function recentlyDeclined(deps: CoreDeps, token: string): Promise<{ accountName: string } | null> {
  if (!looksLikeToken(token)) return null
  const since = new Date(deps.clock.now().getTime() - 60 * 60 * 1000)
  const [row] = await deps.db
    .select({ accountName: accounts.name })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(invitations.tokenHash, await tokenHash(token)), eq(invitations.status, 'declined'), gt(invitations.endedAt, since)))
  return row ?? null
}
