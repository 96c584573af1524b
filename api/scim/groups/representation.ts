import { GROUP_SCHEMA, scimBaseUrl } from '../env.js'
import { versionOf } from '../respond.js'
import type { VersionedGroupRow } from './store.js'

/**
 * A group's version: what it says (name, externalId, who its members are), read without loading
 * a member, so that a group read with its members or without has the one version. A member's
 * display is the user's and moves the user's version, not the group's.
 */
export function groupVersion(row: VersionedGroupRow): string {
  return versionOf(JSON.stringify([row.id, row.name, row.externalId, row.memberDigest]))
}

export function toScimGroup(row: VersionedGroupRow, members: { value: string; display: string }[] | undefined, appUrl: string) {
  const base = scimBaseUrl(appUrl)
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.name,
    ...(members ? { members: members.map((m) => ({ value: m.value, display: m.display, type: 'User', $ref: `${base}/Users/${m.value}` })) } : {}),
    meta: {
      resourceType: 'Group',
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${base}/Groups/${row.id}`,
      version: groupVersion(row),
    },
  }
}
