import { listUsers } from '../../core/users.js'
import { factory } from '../../factory.js'
import { parseListQuery, sendList } from '../../rest/list-query.js'
import { userFilter, userSortFields } from './inputs.js'

export const listUsersHandlers = factory.createHandlers(async (c) => {
  const { db, clock } = c.get('services')
  const query = parseListQuery(c, { sortFields: userSortFields, defaultSort: { field: 'name', order: 'ASC' }, filter: userFilter })
  const { id, ...filter } = query.filter
  const page = await listUsers(db, c.req.param('accountId')!, {
    filter: { ...filter, ids: id },
    sort: query.sort,
    offset: query.offset,
    limit: query.limit,
    now: clock.now(),
  })
  return sendList(c, 'users', page.rows, query.offset, page.total)
})
