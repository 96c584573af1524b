import { Hono } from 'hono'
import { compileFilter, userFilterAttributes } from '../filter/index.js'
import { ScimError, invalidValue } from '../errors.js'
import type { ScimEnv } from '../env.js'
import { listResponse, parseListParams, wants } from '../list-params.js'
import { attributePath, project } from '../projection.js'
import { scimJson } from '../respond.js'
import { toScimUser } from './representation.js'
import { findScimUser, listScimUsers, type UserSortKey } from './store.js'

const SORTABLE: Record<string, UserSortKey> = {
  username: 'userName',
  externalid: 'externalId',
  'meta.created': 'created',
  'meta.lastmodified': 'lastModified',
  'name.givenname': 'givenName',
  'name.familyname': 'familyName',
}

/** GET /Users (filter, sortBy, startIndex/count, attributes) and GET /Users/:id. */
export const readUsers = new Hono<ScimEnv>()
  .get('/', async (c) => {
    const { db, config } = c.get('services')
    const params = parseListParams(c)
    const sort = params.sortBy ? SORTABLE[attributePath(params.sortBy).join('.')] : 'created'
    if (!sort) throw invalidValue(`Cannot sort by "${params.sortBy}".`)
    const page = await listScimUsers(db, c.get('token').accountId, {
      filter: params.filter ? compileFilter(params.filter, userFilterAttributes) : undefined,
      sort,
      descending: params.descending,
      offset: params.startIndex - 1,
      limit: params.count,
      withGroups: wants(params, 'groups'),
    })
    const resources = page.rows.map((row) => project(toScimUser(row, config.appUrl), params))
    c.set('scimSummary', `Listed ${resources.length} of ${page.total} users${params.filter ? ` matching ${params.filter}` : ''}`)
    return scimJson(c, listResponse(resources, page.total, params.startIndex))
  })
  .get('/:id', async (c) => {
    const { db, config } = c.get('services')
    const row = await findScimUser(db, c.get('token').accountId, c.req.param('id'))
    if (!row) throw new ScimError(404, `User ${c.req.param('id')} not found.`)
    const params = parseListParams(c)
    const user = toScimUser(row, config.appUrl)
    c.header('ETag', user.meta.version)
    c.set('scimSummary', `Read user ${row.userName}`)
    return scimJson(c, project(user, params))
  })
