import { Hono } from 'hono'
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from '../../core/groups.js'
import { parseListQuery, sendList } from '../../rest/list-query.js'
import type { AppEnv } from '../../services.js'
import { validate } from '../../validate.js'
import { ApiError } from '../../errors.js'
import { createGroupInput, groupFilter, groupSortFields, typedGroupProblems, updateGroupInput } from './inputs.js'

function refuseTyped(errors: Record<string, string> | null) {
  if (!errors) return
  const [field, message] = Object.entries(errors)[0]!
  throw new ApiError('validation_failed', `${field}: ${message}`, errors)
}

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
  .post('/', validate('json', createGroupInput), async (c) => {
    refuseTyped(typedGroupProblems(c.req.valid('json')))
    return c.json(await createGroup(c.get('services'), c.req.param('accountId')!, c.req.valid('json')), 201)
  })
  .put('/:id', validate('json', updateGroupInput), async (c) => {
    const input = c.req.valid('json')
    const accountId = c.req.param('accountId')!
    if (typedGroupProblems(input)) refuseTyped(typedGroupProblems(input, await getGroup(c.get('services').db, accountId, c.req.param('id'))))
    return c.json(await updateGroup(c.get('services'), accountId, c.req.param('id'), input))
  })
  .delete('/:id', async (c) => c.json(await deleteGroup(c.get('services'), c.req.param('accountId')!, c.req.param('id'))))
