import { GROUP_SCHEMA, scimBaseUrl } from '../env.js'
import { versionOfResource } from '../respond.js'
import type { ScimGroupRow } from './store.js'

/** Without its members loaded a group has no meta.version: the version covers the members too. */
export function toScimGroup(row: ScimGroupRow, members: { value: string; display: string }[] | undefined, appUrl: string) {
  const base = scimBaseUrl(appUrl)
  const resource = {
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
    } as { resourceType: string; created: string; lastModified: string; location: string; version?: string },
  }
  if (members) resource.meta.version = versionOfResource(resource)
  return resource
}
