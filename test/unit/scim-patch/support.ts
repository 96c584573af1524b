import { ScimError } from '../../../api/scim/errors.js'
import { applyUserPatch, normalizePatch, planGroupPatch } from '../../../api/scim/patch/index.js'
import type { ScimUserBody } from '../../../api/scim/schema/index.js'

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const USER_ID = '2819c223-7f76-453a-919d-413861904646'
export const GROUP_ID = 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b'

export const patchBody = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations })

/** normalizePatch then applyUserPatch, as the SCIM route does. */
export function patchUser(user: ScimUserBody, body: unknown): ScimUserBody {
  return applyUserPatch(user, normalizePatch(body, 'User'), USER_ID)
}

export function planGroup(body: unknown) {
  return planGroupPatch(normalizePatch(body, 'Group'), GROUP_ID)
}

/** The ScimError `run` throws; anything else thrown fails the test. */
export function scimError(run: () => unknown): ScimError {
  try {
    run()
  } catch (error) {
    if (error instanceof ScimError) return error
    throw error
  }
  throw new Error('Expected a ScimError, but nothing was thrown')
}

export const bjensen = (): ScimUserBody => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  phoneNumbers: [{ value: '555-555-8377', type: 'home' }],
  addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', primary: true }],
  [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
})
