import { Hono } from 'hono'
import { compileFilter, groupFilterAttributes, sortExpression } from '../filter/index.js'
import { ScimError } from '../errors.js'
import type { ScimEnv } from '../env.js'
import { listResponse, parseListParams, wants } from '../list-params.js'
import { project } from '../projection.js'
import { notModified, scimJson } from '../respond.js'
import { groupVersion, toScimGroup } from './representation.js'
import { groupMembersOf, listScimGroups, readScimGroup } from './store.js'

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
    })
    const members = wants(params, 'members') ? await groupMembersOf(db, page.rows.map((r) => r.id)) : undefined
    const resources = page.rows.map((row) => project(toScimGroup(row, members ? (members.get(row.id) ?? []) : undefined, config.appUrl), params))
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
    const members = wants(params, 'members') ? (await groupMembersOf(db, [row.id])).get(row.id) ?? [] : undefined
    c.header('ETag', version)
    return scimJson(c, project(toScimGroup(row, members, config.appUrl), params))
  })
