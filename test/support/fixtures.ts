import type { TestApp } from './app.js'
import type { Session } from './http.js'

let counter = 0

/** A unique, valid invitation body; override what the test is about. */
export function newUser(t: TestApp, overrides: Record<string, unknown> = {}) {
  counter++
  return {
    firstName: 'Grace',
    lastName: `Hopper${counter}`,
    email: `grace${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`,
    groupIds: [t.acme.groupId],
    ...overrides,
  }
}

export async function invite(t: TestApp, admin: Session, overrides: Record<string, unknown> = {}) {
  const body = newUser(t, overrides)
  const response = await admin.post(`/api/accounts/${t.acme.accountId}/users`, body)
  if (response.status !== 201) throw new Error(`invite failed: ${response.status} ${response.text}`)
  return response.body as { id: string; email: string; state: string; groupIds: string[] }
}

/** Opens the link, then registers through the invite pages as a browser would (cookie + form). */
export async function acceptByForm(
  t: TestApp,
  link: string,
  fields: { firstName?: string; lastName?: string; password: string; confirmPassword?: string; acceptTerms?: boolean },
) {
  const path = new URL(link).pathname
  const page = await t.http.send('GET', `${path}/register`)
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? ''
  const csrf = page.text.match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''
  const form = new URLSearchParams({
    csrf,
    firstName: fields.firstName ?? 'Grace',
    lastName: fields.lastName ?? 'Hopper',
    password: fields.password,
    confirmPassword: fields.confirmPassword ?? fields.password,
    ...(fields.acceptTerms === false ? {} : { acceptTerms: 'on' }),
  })
  const posted = await t.http.send('POST', `${path}/accept`, {
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  })
  // A browser follows the redirect to the page that says it worked.
  if (posted.status !== 303) return posted
  return t.http.send('GET', posted.headers.get('location')!)
}

export async function declineByForm(t: TestApp, link: string) {
  const path = new URL(link).pathname
  const page = await t.http.send('GET', `${path}/decline`)
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? ''
  const csrf = page.text.match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''
  return t.http.send('POST', `${path}/decline`, {
    body: new URLSearchParams({ csrf }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  })
}

export const GOOD_PASSWORD = 'Str0ng-enough!'
