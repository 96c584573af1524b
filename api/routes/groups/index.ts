import { Hono } from 'hono'
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from '../../core/groups.js'
import { parseListQuery, sendList } from '../../rest/list-query.js'
import type { AppEnv } from '../../services.js'
import { validate } from '../../validate.js'
import { createGroupInput, groupFilter, groupSortFields, updateGroupInput } from './inputs.js'

/** /api/accounts/:accountId/groups */
export const groupsRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const query = parseListQuery(c, { sortFields: groupSortFields, defaultSort: { field: 'name', order: 'ASC' }, filter: groupFilter })
    const page = await listGroups(c.get('services').db, c.req.param('accountId')!, {
      ids: query.filter.id,
      q: query.filter.q,
      sort: query.sort,
      offset: query.offset,
      limit: query.limit,
    })
    return sendList(c, 'groups', page.rows, query.offset, page.total)
  })
  .get('/:id', async (c) => c.json(await getGroup(c.get('services').db, c.req.param('accountId')!, c.req.param('id'))))
  .post('/', validate('json', createGroupInput), async (c) =>
    c.json(await createGroup(c.get('services'), c.req.param('accountId')!, c.req.valid('json')), 201),
  )
  .put('/:id', validate('json', updateGroupInput), async (c) =>
    c.json(await updateGroup(c.get('services'), c.req.param('accountId')!, c.req.param('id'), c.req.valid('json'))),
  )
  .delete('/:id', async (c) => c.json(await deleteGroup(c.get('services'), c.req.param('accountId')!, c.req.param('id'))))
