import { Hono } from 'hono'
import { compileFilterShape, sortExpression, userFilterAttributes } from '../filter/index.js'
import { ScimError } from '../errors.js'
import type { ScimEnv } from '../env.js'
import { listResponse, parseListParams } from '../list-params.js'
import { project } from '../projection.js'
import { notModified, scimJson } from '../respond.js'
import { toScimUser } from './representation.js'
import { findScimUser, listScimUsers } from './store.js'

/** GET /Users (filter, sortBy, startIndex/count, attributes) and GET /Users/:id. */
export const readUsers = new Hono<ScimEnv>()
  .get('/', async (c) => {
    const { db, config, connections } = c.get('services')
    const params = parseListParams(c)
    const filter = params.filter ? compileFilterShape(params.filter, userFilterAttributes) : undefined
    const page = await listScimUsers(db, c.get('token').accountId, {
      filter: filter?.where,
      atMostOne: filter?.atMostOne,
      sort: params.sortBy ? sortExpression(userFilterAttributes, params.sortBy) : undefined,
      descending: params.descending,
      offset: params.startIndex - 1,
      limit: params.count,
      prepareEveryShape: connections === 'per-request',
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
    c.set('scimSummary', `Read user ${row.userName}`)
    const unchanged = notModified(c, user.meta.version)
    if (unchanged) return unchanged
    c.header('ETag', user.meta.version)
    return scimJson(c, project(user, params))
  })
