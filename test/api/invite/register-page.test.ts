import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { createAccount } from '../../../api/core/seed.js'
import { withAdminApp, type TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

/**
 * The registration form as served, with its one inline script run by jsdom (which does not
 * enforce the content security policy: the browser test does). The server's checks stay; these
 * only say the same things earlier.
 */
let t: TestApp
let admin: Session
withAdminApp((bed) => ({ t, admin } = bed))

async function formOf(html: string) {
  const { window } = new JSDOM(html, { runScripts: 'dangerously', url: 'http://roster.test/invite/x/register' })
  const { document } = window
  const input = (id: string) => document.getElementById(id) as HTMLInputElement
  const submit = () => {
    const event = new window.Event('submit', { bubbles: true, cancelable: true })
    document.querySelector('form')!.dispatchEvent(event)
    return event.defaultPrevented ? 'stopped' : 'sent'
  }
  const type = (id: string, value: string, ...events: string[]) => {
    input(id).value = value
    for (const name of ['input', ...events]) input(id).dispatchEvent(new window.Event(name, { bubbles: true }))
  }
  const errorOf = (id: string) => ({
    invalid: input(id).getAttribute('aria-invalid'),
    describedBy: input(id).getAttribute('aria-describedby')?.split(' ') ?? [],
    text: document.getElementById(`${id}-error`)?.textContent ?? null,
  })
  return { window, document, input, submit, type, errorOf }
}

const registerPage = async () => {
  const user = await invite(t, admin)
  const link = await t.invitationLinkFromEmail(user.email)
  return (await t.http.send('GET', `${new URL(link).pathname}/register`)).text
}

describe('the registration form in the browser', () => {
  it('flags a confirmation that differs when the person leaves it, and clears it once it matches', async () => {
    const page = await formOf(await registerPage())
    page.type('password', GOOD_PASSWORD)
    page.type('confirmPassword', 'Str0ng', 'blur')
    expect(page.errorOf('confirmPassword')).toEqual({ invalid: 'true', describedBy: ['confirmPassword-error'], text: 'The passwords do not match.' })
    page.type('confirmPassword', GOOD_PASSWORD)
    expect(page.errorOf('confirmPassword')).toEqual({ invalid: null, describedBy: [], text: null })
    // Changing the password afterwards makes them differ again: said when the form is sent.
    page.type('password', `${GOOD_PASSWORD}x`)
    page.input('acceptTerms').checked = true
    expect(page.submit()).toBe('stopped')
    expect(page.errorOf('confirmPassword').text).toBe('The passwords do not match.')
    expect(page.document.activeElement?.id).toBe('confirmPassword')
  })

  it('stops a form sent without the terms accepted, and says so at the checkbox until it is ticked', async () => {
    const page = await formOf(await registerPage())
    page.type('password', GOOD_PASSWORD)
    page.type('confirmPassword', GOOD_PASSWORD)
    expect(page.submit()).toBe('stopped')
    expect(page.errorOf('acceptTerms')).toEqual({ invalid: 'true', describedBy: ['acceptTerms-error'], text: 'Accept the terms of use to continue.' })
    expect(page.document.activeElement?.id).toBe('acceptTerms')
    page.input('acceptTerms').checked = true
    page.input('acceptTerms').dispatchEvent(new page.window.Event('change', { bubbles: true }))
    expect(page.errorOf('acceptTerms').invalid).toBeNull()
    expect(page.submit()).toBe('sent')
  })

  it('leaves the password rules to the server when the form is sent (it says which are missing)', async () => {
    const page = await formOf(await registerPage())
    page.type('password', 'weakpass')
    page.type('confirmPassword', 'weakpass')
    page.input('acceptTerms').checked = true
    expect(page.submit()).toBe('sent')
  })

  it('clears the server’s errors as the person fixes them; passwords are never sent back', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    const refused = await acceptByForm(t, link, { password: 'weakpass', confirmPassword: 'other', acceptTerms: false })
    expect(refused.status).toBe(400)
    expect(refused.text).not.toContain('weakpass')
    const page = await formOf(refused.text)
    for (const id of ['password', 'confirmPassword', 'acceptTerms']) expect(page.errorOf(id).invalid).toBe('true')
    page.type('password', GOOD_PASSWORD)
    expect(page.errorOf('password')).toEqual({ invalid: null, describedBy: ['password-rules'], text: null })
    page.type('confirmPassword', GOOD_PASSWORD)
    expect(page.errorOf('confirmPassword').invalid).toBeNull()
    page.input('acceptTerms').checked = true
    page.input('acceptTerms').dispatchEvent(new page.window.Event('change', { bubbles: true }))
    expect(page.errorOf('acceptTerms').invalid).toBeNull()
  })

  it('focuses the first field the server refused, and clears a name’s error once it is filled in', async () => {
    const user = await invite(t, admin)
    const refused = await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { firstName: ' ', password: GOOD_PASSWORD })
    expect(refused.status).toBe(400)
    const page = await formOf(refused.text)
    expect(page.document.activeElement?.id).toBe('firstName')
    expect(page.errorOf('firstName').text).toBe('Enter your first name.')
    page.type('firstName', 'Grace')
    expect(page.errorOf('firstName')).toMatchObject({ invalid: null, text: null })
    // A name the server would still refuse keeps its error.
    const long = await formOf((await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { lastName: 'H'.repeat(120), password: GOOD_PASSWORD })).text)
    long.type('lastName', 'H'.repeat(121))
    expect(long.errorOf('lastName').text).toBe('At most 100 characters.')
    long.type('lastName', 'Hopper\u202e')
    expect(long.errorOf('lastName').invalid).toBe('true')
    long.type('lastName', 'Hopper')
    expect(long.errorOf('lastName').invalid).toBeNull()
  })

  it('sends the form once: a second click while the first is on its way sends nothing', async () => {
    const page = await formOf(await registerPage())
    page.type('password', GOOD_PASSWORD)
    page.type('confirmPassword', GOOD_PASSWORD)
    page.input('acceptTerms').checked = true
    expect(page.submit()).toBe('sent')
    expect(page.submit()).toBe('stopped')
    // Back to the page from the browser's history: it can be sent again.
    page.window.dispatchEvent(new page.window.Event('pageshow'))
    expect(page.submit()).toBe('sent')
  })

  it('has a show-password toggle on each password field, hidden again when the form is sent', async () => {
    const page = await formOf(await registerPage())
    for (const [id, name] of [['password', 'Show password'], ['confirmPassword', 'Show confirm password']] as const) {
      const toggle = page.document.querySelector<HTMLButtonElement>(`button[aria-controls="${id}"]`)!
      expect(toggle.getAttribute('aria-label')).toBe(name)
      expect(toggle.type).toBe('button')
      expect(toggle.hidden).toBe(false)
      expect(toggle.getAttribute('aria-pressed')).toBe('false')
      toggle.click()
      expect(page.input(id).type).toBe('text')
      expect(toggle.getAttribute('aria-pressed')).toBe('true')
    }
    page.type('password', GOOD_PASSWORD)
    page.type('confirmPassword', GOOD_PASSWORD)
    page.input('acceptTerms').checked = true
    expect(page.submit()).toBe('sent')
    // Browsers may remember what a text field held: the passwords leave as password fields.
    expect([page.input('password').type, page.input('confirmPassword').type]).toEqual(['password', 'password'])
  })

  it('offers the toggle on the confirm-with-your-password form too, which has nothing else to check', async () => {
    await createAccount(t.db, t.clock, {
      name: 'Globex',
      admin: { email: 'hank@globex.test', firstName: 'Hank', lastName: 'Scorpio', password: 'Hank-pass-1!' },
    })
    const user = await invite(t, admin, { email: 'hank@globex.test' })
    const link = await t.invitationLinkFromEmail(user.email)
    const page = await formOf((await t.http.send('GET', `${new URL(link).pathname}/register`)).text)
    page.document.querySelector<HTMLButtonElement>('button[aria-controls="password"]')!.click()
    expect(page.input('password').type).toBe('text')
    expect(page.submit()).toBe('sent')
  })
  it('says whether each password rule is met, for screen readers as well as in colour', async () => {
    const page = await formOf(await registerPage())
    const said = () => [...page.document.querySelectorAll('#password-rules li .visually-hidden')].map((span) => span.textContent)
    expect(new Set(said())).toEqual(new Set([' (missing)']))
    page.type('password', 'abc')
    expect(said()).toContain(' (done)')
    expect(said()).toContain(' (missing)')
    page.type('password', GOOD_PASSWORD)
    expect(new Set(said())).toEqual(new Set([' (done)']))
  })
})


describe('how an invalid field looks', () => {
  it('has a style for aria-invalid: an error-coloured border, in light and dark mode, and the field’s message', async () => {
    const html = await registerPage()
    const css = html.match(/<style>([\s\S]*?)<\/style>/)![1]!
    expect(css).toMatch(/input\[aria-invalid=true\][^{]*\{[^}]*border[^}]*var\(--error\)/)
    expect(css).toMatch(/\[type=checkbox\]\[aria-invalid=true\][^{]*\{[^}]*outline[^}]*var\(--error\)/)
    expect(css).toMatch(/prefers-color-scheme:dark[^}]*--error:/)
  })
})
