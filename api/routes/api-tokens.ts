import { Hono } from 'hono'
import { z } from 'zod'
import { createApiToken, getApiToken, listApiTokens, revokeApiToken, updateApiToken } from '../core/api-tokens.js'
import { idFilter, parseListQuery, sendList } from '../rest/list-query.js'
import type { AppEnv } from '../services.js'
import { validate } from '../validate.js'

const name = z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(100, 'At most 100 characters.')
const createInput = z.object({ name, provisionGroupId: z.string().max(100).optional(), sendInvitationEmail: z.boolean().optional() })
const listFilter = z.object({ id: idFilter.optional(), includeRevoked: z.boolean().optional() })
const updateInput = z.object({ name: name.optional(), provisionGroupId: z.string().max(100).optional(), sendInvitationEmail: z.boolean().optional() })

/** /api/accounts/:accountId/api-tokens: bearer tokens for SCIM. DELETE revokes. */
export const apiTokensRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    // At most 500 tokens an account, on one page. Revoked ones only when asked for (the provisioning
    // log filters by them) or named by id (react-admin's getMany for a log row's token).
    const { filter } = parseListQuery(c, { sortFields: ['createdAt'], defaultSort: { field: 'createdAt', order: 'ASC' }, filter: listFilter })
    const rows = await listApiTokens(c.get('services').db, c.req.param('accountId')!, {
      includeRevoked: filter.includeRevoked === true || filter.id !== undefined,
      ids: filter.id,
    })
    return sendList(c, 'api-tokens', rows, 0, rows.length)
  })
  .get('/:id', async (c) => c.json(await getApiToken(c.get('services').db, c.req.param('accountId')!, c.req.param('id'))))
  .post('/', validate('json', createInput), async (c) => {
    const { token, record } = await createApiToken(c.get('services'), {
      accountId: c.req.param('accountId')!,
      createdByPersonId: c.get('person').id,
      ...c.req.valid('json'),
    })
    c.header('Cache-Control', 'no-store')
    return c.json({ ...record, token }, 201)
  })
  .put('/:id', validate('json', updateInput), async (c) =>
    c.json(await updateApiToken(c.get('services'), c.req.param('accountId')!, c.req.param('id'), c.req.valid('json'))),
  )
  .delete('/:id', async (c) => c.json(await revokeApiToken(c.get('services'), c.req.param('accountId')!, c.req.param('id'))))
