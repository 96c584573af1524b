import { Hono } from 'hono'
import { compileFilter, groupFilterAttributes, sortExpression } from '../filter/index.js'
import { ScimError } from '../errors.js'
import type { ScimEnv } from '../env.js'
import { listResponse, parseListParams, wants } from '../list-params.js'
import { project } from '../projection.js'
import { notModified, scimJson } from '../respond.js'
import { groupVersion, toScimGroup } from './representation.js'
import { listScimGroups, readScimGroup, withMembers } from './store.js'

/** GET /Groups and GET /Groups/:id; members are loaded only when asked for. */
export const readGroups = new Hono<ScimEnv>()
  .get('/', async (c) => {
    const { db, config } = c.get('services')
    const params = parseListParams(c)
    const page = await listScimGroups(db, c.get('token').accountId, {
      filter: params.filter ? compileFilter(params.filter, groupFilterAttributes) : undefined,
      sort: params.sortBy ? sortExpression(groupFilterAttributes, params.sortBy) : undefined,
      descending: params.descending,
      offset: params.startIndex - 1,
      limit: params.count,
      members: wants(params, 'members'),
    })
    const resources = page.groups.map(({ row, members }) => project(toScimGroup(row, members, config.appUrl), params))
    c.set('scimSummary', `Listed ${resources.length} of ${page.total} groups${params.filter ? ` matching ${params.filter}` : ''}`)
    return scimJson(c, listResponse(resources, page.total, params.startIndex))
  })
  .get('/:id', async (c) => {
    const { db, config } = c.get('services')
    const row = await readScimGroup(db, c.get('token').accountId, c.req.param('id'))
    if (!row) throw new ScimError(404, `Group ${c.req.param('id')} not found.`)
    const params = parseListParams(c)
    c.set('scimSummary', `Read group ${row.name}`)
    const version = groupVersion(row)
    const unchanged = notModified(c, version)
    if (unchanged) return unchanged
    if (!wants(params, 'members')) {
      c.header('ETag', version)
      return scimJson(c, project(toScimGroup(row, undefined, config.appUrl), params))
    }
    // The members may have changed since the version above: the body's version is theirs.
    const [shown] = await withMembers(db, [row])
    const group = toScimGroup(shown!.row, shown!.members, config.appUrl)
    c.header('ETag', group.meta.version)
    return scimJson(c, project(group, params))
  })
