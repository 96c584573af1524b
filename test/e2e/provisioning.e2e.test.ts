import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { ADMIN, goToUsers, signInAsAdmin } from './support/app'
import { readClipboard } from './support/browser'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { gone, shows, toast, until, userRow } from './support/ui'

/**
 * Issue 4's "done when", end to end: the administrator makes a token on the API tokens page, an
 * identity provider (Entra's requests, sent over HTTP with that token) runs its whole cycle, the
 * administrator sees it in the Users list and the provisioning log, then revokes the token.
 */

const USER = { upn: 'lfrei@contoso.onmicrosoft.com', mail: 'lena.frei@contoso.com' }
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const scim: { base?: string; token?: string; userId?: string } = {}

const tabs = serverWithTabs()
let admin: Page
const flow = stepsOf('provisioning', () => admin)

/** One SCIM request as a provider sends it; the answer's status and JSON body. */
async function send(method: string, path: string, body?: unknown) {
  const response = await fetch(`${scim.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${scim.token}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations })
const byUserName = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`

describe('Provisioning through SCIM, end to end in Chromium', () => {
  beforeAll(() => {
    admin = tabs.admin
    scim.base = `${tabs.server.baseUrl}/scim/v2`
  })

  flow.step('sign-in', 'the seeded administrator signs in', async () => {
    await signInAsAdmin(admin)
  })

  flow.step('create-token', 'creates a token on the API tokens page: shown once, with the SCIM base URL', async () => {
    await admin.getByRole('menuitem', { name: 'API tokens' }).click()
    await shows(admin.getByRole('textbox', { name: 'SCIM base URL' }))
    expect(await admin.getByRole('textbox', { name: 'SCIM base URL' }).inputValue()).toBe(scim.base)
    await admin.getByRole('link', { name: 'Create token' }).click()
    await admin.getByRole('textbox', { name: 'Name' }).fill('Entra e2e')
    // The first token's group is made for it; Administrators is never the default.
    expect(await admin.getByRole('combobox', { name: 'Group for provisioned users' }).innerText()).toBe('Provisioned users (created automatically)')
    await admin.getByRole('button', { name: 'Create token' }).click()
    const dialog = admin.getByRole('dialog', { name: 'New token "Entra e2e"' })
    await shows(dialog)
    scim.token = await dialog.getByRole('textbox', { name: 'API token' }).inputValue()
    expect(scim.token).toMatch(/^roster_scim_/)
    await dialog.getByRole('button', { name: 'Copy API token' }).click()
    expect(await until(() => readClipboard(admin), (text) => text === scim.token, 'the copied token')).toBe(scim.token)
    await flow.snapshot(admin, 'create-token-shown-once')
    await dialog.getByRole('button', { name: 'I have copied the token' }).click()
    await gone(dialog)
    await admin.getByRole('menuitem', { name: 'API tokens' }).click()
    const row = tokenRow(admin, 'Entra e2e')
    await shows(row)
    expect(await row.innerText()).toContain('Never')
    expect(await admin.content()).not.toContain(scim.token)
  })

  flow.step('provider-cycle', "Entra's cycle with the token: test connection, create, find, update, deactivate (Blocked in the list), reactivate", async () => {
    const test = await send('GET', byUserName(crypto.randomUUID()))
    expect(test).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [] } })
    const created = await send('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: 'lfrei',
      userName: USER.upn,
      active: true,
      displayName: 'Lena Frei',
      name: { givenName: 'Lena', familyName: 'Frei' },
      emails: [{ primary: true, type: 'work', value: USER.mail }],
      phoneNumbers: [{ type: 'work', value: null }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
      roles: [],
    })
    expect(created.status).toBe(201)
    scim.userId = created.body.id
    const found = await send('GET', byUserName(USER.upn.toUpperCase()))
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([scim.userId])
    expect((await send('PATCH', `/Users/${scim.userId}`, patch({ op: 'Replace', path: 'title', value: 'Account manager' }))).body.title).toBe('Account manager')
    expect((await send('PATCH', `/Users/${scim.userId}`, patch({ op: 'Replace', path: 'active', value: 'False' }))).body.active).toBe(false)

    await goToUsers(admin)
    await shows(userRow(admin, USER.mail).getByRole('cell', { name: 'Blocked', exact: true }))
    await flow.snapshot(admin, 'provider-cycle-blocked')

    expect((await send('PATCH', `/Users/${scim.userId}`, patch({ op: 'replace', value: { active: true } }))).body.active).toBe(true)
    await admin.reload()
    await shows(userRow(admin, USER.mail).getByRole('cell', { name: 'Invited', exact: true }))

    // The log names the user by the provider's userName (the UPN): the Users search finds them by it,
    // and their page shows what the provider keeps.
    await admin.getByRole('textbox', { name: 'Search' }).fill(USER.upn)
    await gone(userRow(admin, ADMIN.email))
    await userRow(admin, USER.mail).click()
    const provider = admin.getByRole('region', { name: 'Identity provider' })
    await shows(provider)
    for (const text of [USER.upn, 'lfrei', 'Account manager', 'Sales']) await shows(provider.getByText(text, { exact: true }))
    await flow.snapshot(admin, 'provider-cycle-user-page')
  })

  flow.step('groups-and-delete', 'groups: create, add, rename, remove; PUT the user, then delete both', async () => {
    const group = await send('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'E2E Sales' })
    expect(group.status).toBe(201)
    const groupPath = `/Groups/${group.body.id}`
    expect((await send('PATCH', groupPath, patch({ op: 'Add', path: 'members', value: [{ value: scim.userId }] }))).status).toBe(204)
    expect((await send('PATCH', groupPath, patch({ op: 'Replace', path: 'displayName', value: 'E2E Sales EMEA' }))).status).toBe(204)
    expect((await send('PATCH', groupPath, patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: scim.userId }] }))).status).toBe(204)
    const user = await send('GET', `/Users/${scim.userId}`)
    const { id: _id, meta: _meta, groups: _groups, ...body } = user.body
    expect((await send('PUT', `/Users/${scim.userId}`, { ...body, title: 'Sales lead' })).body.title).toBe('Sales lead')
    expect((await send('DELETE', groupPath)).status).toBe(204)
    expect((await send('DELETE', `/Users/${scim.userId}`)).status).toBe(204)
    expect((await send('GET', `/Users/${scim.userId}`)).status).toBe(404)
  })

  flow.step('log', 'the provisioning log shows every request and what it changed', async () => {
    await admin.getByRole('menuitem', { name: 'Provisioning log' }).click()
    for (const summary of [
      `Created user ${USER.upn}`,
      `Patched user ${USER.upn}: replace title`,
      `Patched user ${USER.upn}: replace active (deactivated)`,
      `Patched user ${USER.upn}: replace active (reactivated)`,
      'Created group E2E Sales',
      `Patched group E2E Sales: added ${USER.upn}`,
      'Patched group E2E Sales: renamed to E2E Sales EMEA',
      `Replaced user ${USER.upn}: changed title`,
      `Deleted user ${USER.upn}`,
    ]) {
      await shows(admin.getByRole('cell', { name: summary, exact: true }))
    }
    await shows(admin.getByRole('row').filter({ hasText: 'Entra e2e' }).first())
  })

  flow.step('revoke', 'revokes the token: Enter in the dialog cancels, Revoke confirms, the provider gets 401', async () => {
    await admin.getByRole('menuitem', { name: 'API tokens' }).click()
    const row = tokenRow(admin, 'Entra e2e')
    await shows(row)
    expect(await row.innerText()).not.toContain('Never')
    await row.getByRole('button', { name: 'Revoke' }).click()
    const dialog = admin.getByRole('dialog', { name: 'Revoke token "Entra e2e"' })
    await shows(dialog)
    await admin.keyboard.press('Enter')
    await gone(dialog)
    await shows(row)
    await row.getByRole('button', { name: 'Revoke' }).click()
    await dialog.getByRole('button', { name: 'Revoke' }).click()
    await shows(toast(admin, 'Token "Entra e2e" revoked'))
    await gone(row)
    expect((await send('GET', byUserName(USER.upn))).status).toBe(401)
    await admin.getByRole('menuitem', { name: 'Provisioning log' }).click()
    await shows(admin.getByRole('cell', { name: 'Refused: the token has been revoked.', exact: true }))
  })
})

/** The token's row on the API tokens page; the log's rows also name the token, and may still be on screen. */
function tokenRow(page: Page, name: string) {
  return page.getByRole('row').filter({ hasText: name }).filter({ has: page.getByRole('button', { name: 'Revoke' }) })
}
