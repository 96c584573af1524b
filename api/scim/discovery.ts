import { Hono } from 'hono'
import { ScimError } from './errors.js'
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, scimBaseUrl, USER_SCHEMA, type ScimEnv } from './env.js'
import { MAX_COUNT, listResponse } from './list-params.js'
import { scimJson } from './respond.js'
import { enterpriseUserSchema, groupSchema, userSchema } from './schema/index.js'

export const MAX_PAYLOAD_BYTES = 1024 * 1024

function serviceProviderConfig(base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://github.com/roster/roster#scim',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'A token created on the API tokens page of the account.', primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  }
}

function resourceTypes(base: string) {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A member of the account',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group of the account',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ]
}

function schemas(base: string) {
  return [userSchema, groupSchema, enterpriseUserSchema].map((schema) => ({
    ...schema,
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  }))
}

const readOnly = () => {
  throw new ScimError(405, 'Discovery endpoints are read-only.')
}

/** ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4); writes answer 405. */
export const discovery = new Hono<ScimEnv>()
  .get('/ServiceProviderConfig', (c) => scimJson(c, serviceProviderConfig(scimBaseUrl(c.get('services').config.appUrl))))
  .get('/ResourceTypes', (c) => {
    const all = resourceTypes(scimBaseUrl(c.get('services').config.appUrl))
    return scimJson(c, listResponse(all, all.length, 1))
  })
  .get('/ResourceTypes/:id', (c) => {
    const found = resourceTypes(scimBaseUrl(c.get('services').config.appUrl)).find((r) => r.id === c.req.param('id'))
    if (!found) throw new ScimError(404, `Resource type ${c.req.param('id')} not found.`)
    return scimJson(c, found)
  })
  .get('/Schemas', (c) => {
    const all = schemas(scimBaseUrl(c.get('services').config.appUrl))
    return scimJson(c, listResponse(all, all.length, 1))
  })
  .get('/Schemas/:id', (c) => {
    const found = schemas(scimBaseUrl(c.get('services').config.appUrl)).find((s) => s.id === c.req.param('id'))
    if (!found) throw new ScimError(404, `Schema ${c.req.param('id')} not found.`)
    return scimJson(c, found)
  })
  .on(['POST', 'PUT', 'PATCH', 'DELETE'], ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/*', '/Schemas', '/Schemas/*'], readOnly)
