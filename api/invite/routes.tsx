/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { DomainError } from '../core/errors.js'
import { acceptInvitation, declineInvitation, openInvitation, recentlyAccepted, recentlyDeclined, type OpenInvitation } from '../core/invitations/respond.js'
import { normalizeEmail } from '../core/people.js'
import { personForSession, signOut } from '../core/sessions.js'
import { sameOrigin } from '../middleware/same-origin.js'
import { clearSessionCookie, SESSION_COOKIE } from '../middleware/session.js'
import type { AppEnv } from '../services.js'
import { AcceptedPage, DeclineConfirmPage, DeclinedPage, InactivePage, WelcomePage, type InvitationView } from './pages.js'
import { csrfCookie, emailLinkPageHeaders, formBody } from './page-guard.js'
import { RegisterPage } from './register.js'

const csrf = csrfCookie('roster_invite_csrf', '/invite')
const csrfToken = csrf.token
const csrfValid = csrf.valid

function view(token: string, invitation: OpenInvitation): InvitationView {
  return { token, ...invitation }
}

/**
 * The email of another person signed in to the app in this browser, if any. The invitee must not
 * take that session for theirs: "Sign in" would otherwise open the app as, say, the administrator
 * who is trying the link.
 */
async function otherSignedIn(c: Context<AppEnv>, inviteeEmail: string): Promise<string | undefined> {
  const token = getCookie(c, SESSION_COOKIE)
  const person = token ? await personForSession(c.get('services'), token) : null
  return person && normalizeEmail(person.email) !== normalizeEmail(inviteeEmail) ? person.email : undefined
}

const appHome = (appUrl: string) => `${appUrl.replace(/\/+$/, '')}/`
// The admin app's sign-in form (hash routes), with the new member's email filled in. In the
// fragment, which no request carries to a server nor a Referer to another site.
const signInForm = (appUrl: string, email?: string) =>
  `${appHome(appUrl)}#/login${email ? `?${new URLSearchParams({ email }).toString()}` : ''}`

const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')

/**
 * A link this browser's person has just answered: the page that says so, not the dead-link page.
 * A double click on Accept, a second tab, the Back button or the email's link opened again all
 * come back to a used link, and "reach out to support" would tell a new member something failed.
 */
async function answered(c: Context<AppEnv>, token: string, fromForm: boolean): Promise<Response | undefined> {
  const services = c.get('services')
  const path = `/invite/${encodeURIComponent(token)}`
  // From a form (a second tab, a retry): the page says the answer came before, and this one was not saved.
  const again = fromForm ? '?again=1' : ''
  if (await recentlyAccepted(services, token)) return c.redirect(`${path}/accepted${again}`, 303)
  if (await recentlyDeclined(services, token)) return c.redirect(`${path}/declined${again}`, 303)
  return undefined
}

const inactivePage = (c: Context<AppEnv>) => {
  const { productName, appUrl } = c.get('services').config
  return c.html(<InactivePage productName={productName} signInUrl={signInForm(appUrl)} />, 404)
}

/** The dead-link page, unless the link was answered (see answered). */
async function inactive(c: Context<AppEnv>, token: string, { fromForm = false } = {}): Promise<Response> {
  return (await answered(c, token, fromForm)) ?? inactivePage(c)
}

/**
 * The pages an invitee opens from the email. GETs change nothing (mail scanners follow links);
 * only a person's POST, with the CSRF token, accepts or declines, and only once.
 */
export const invitePages = new Hono<AppEnv>()
  .use(emailLinkPageHeaders())
  .use(sameOrigin())
  .get('/:token', async (c) => {
    const { productName } = c.get('services').config
    const invitation = await openInvitation(c.get('services'), c.req.param('token'))
    if (!invitation) return inactive(c, c.req.param('token'))
    const signedInAs = await otherSignedIn(c, invitation.email)
    return c.html(<WelcomePage productName={productName} invitation={view(c.req.param('token'), invitation)} signedInAs={signedInAs} />)
  })
  .get('/:token/decline', async (c) => {
    const { productName } = c.get('services').config
    const invitation = await openInvitation(c.get('services'), c.req.param('token'))
    if (!invitation) return inactive(c, c.req.param('token'))
    return c.html(<DeclineConfirmPage productName={productName} invitation={view(c.req.param('token'), invitation)} csrf={csrfToken(c)} />)
  })
  .get('/:token/register', async (c) => {
    const { productName } = c.get('services').config
    const invitation = await openInvitation(c.get('services'), c.req.param('token'))
    if (!invitation) return inactive(c, c.req.param('token'))
    return c.html(<RegisterPage productName={productName} termsUrl={c.get('services').config.termsUrl} invitation={view(c.req.param('token'), invitation)} csrf={csrfToken(c)} nonce={c.get('scriptNonce')} />)
  })
  .post('/:token/accept', async (c) => {
    const services = c.get('services')
    const { productName } = services.config
    const token = c.req.param('token')
    const invitation = await openInvitation(services, token)
    if (!invitation) return inactive(c, token, { fromForm: true })
    const body = await formBody(c)
    const values = { firstName: field(body, 'firstName'), lastName: field(body, 'lastName'), acceptTerms: body.acceptTerms === 'on' }
    const again = (status: 400 | 403 | 429, message: string, errors?: Record<string, string>) =>
      c.html(
        <RegisterPage productName={productName} termsUrl={c.get('services').config.termsUrl} invitation={view(token, invitation)} csrf={csrfToken(c)} nonce={c.get('scriptNonce')} values={values} errors={errors} message={message} />,
        status,
      )
    if (!csrfValid(c, body.csrf)) return again(403, 'This form has expired. Please submit it again.')
    try {
      await acceptInvitation(services, token, {
        ...values,
        password: field(body, 'password'),
        confirmPassword: field(body, 'confirmPassword'),
        client: c.get('clientAddress'),
      })
    } catch (error) {
      if (error instanceof DomainError && error.code === 'rate_limited') return again(429, error.message)
      if (error instanceof DomainError && error.code !== 'not_found') return again(400, error.message, error.fields)
      if (error instanceof DomainError) return inactive(c, token, { fromForm: true }) // a second submit, say, that the first one beat
      throw error
    }
    // Post/Redirect/Get: a reload of the page that follows must not post the form again.
    return c.redirect(`/invite/${encodeURIComponent(token)}/accepted`, 303)
  })
  .get('/:token/accepted', async (c) => {
    const { productName, appUrl } = c.get('services').config
    const token = c.req.param('token')
    const accepted = await recentlyAccepted(c.get('services'), token)
    if (!accepted) return inactivePage(c)
    const other = await otherSignedIn(c, accepted.email)
    return c.html(
      <AcceptedPage productName={productName} token={token} accountName={accepted.accountName} email={accepted.email}
        signInUrl={signInForm(appUrl, accepted.email)} signedInAs={other ? { email: other, csrf: csrfToken(c) } : undefined}
        answeredBefore={c.req.query('again') === '1'} />,
    )
  })
  // Ends this browser's session (someone else's, as the accepted page said) and opens the sign-in form.
  .post('/:token/sign-in', async (c) => {
    const services = c.get('services')
    const { productName, appUrl } = services.config
    const token = c.req.param('token')
    const body = await formBody(c)
    if (!csrfValid(c, body.csrf)) {
      const accepted = await recentlyAccepted(services, token)
      if (!accepted) return inactivePage(c)
      const other = await otherSignedIn(c, accepted.email)
      return c.html(
        <AcceptedPage productName={productName} token={token} accountName={accepted.accountName} email={accepted.email}
          signInUrl={signInForm(appUrl, accepted.email)} signedInAs={other ? { email: other, csrf: csrfToken(c) } : undefined}
          error="This form has expired. Please submit it again." />,
        403,
      )
    }
    // Not tied to the link's state: signing this browser out reveals nothing, and the page may have
    // been open for longer than it is shown for.
    const session = getCookie(c, SESSION_COOKIE)
    if (session) {
      await signOut(services, session)
      clearSessionCookie(c)
    }
    const accepted = await recentlyAccepted(services, token)
    return c.redirect(signInForm(appUrl, accepted?.email), 303)
  })
  .post('/:token/decline', async (c) => {
    const services = c.get('services')
    const { productName } = services.config
    const token = c.req.param('token')
    const invitation = await openInvitation(services, token)
    if (!invitation) return inactive(c, token, { fromForm: true })
    const body = await formBody(c)
    if (!csrfValid(c, body.csrf)) {
      return c.html(
        <DeclineConfirmPage productName={productName} invitation={view(token, invitation)} csrf={csrfToken(c)} error="This form has expired. Please submit it again." />,
        403,
      )
    }
    try {
      await declineInvitation(services, token)
    } catch (error) {
      if (error instanceof DomainError) return inactive(c, token, { fromForm: true })
      throw error
    }
    // Post/Redirect/Get, as for accepting: a reload shows the confirmation, not a dead link.
    return c.redirect(`/invite/${encodeURIComponent(token)}/declined`, 303)
  })
  .get('/:token/declined', async (c) => {
    const { productName } = c.get('services').config
    const declined = await recentlyDeclined(c.get('services'), c.req.param('token'))
    if (!declined) return inactivePage(c)
    return c.html(<DeclinedPage productName={productName} accountName={declined.accountName} answeredBefore={c.req.query('again') === '1'} />)
  })
  // The addresses of the forms, opened again after a failed submit (Enter in the address bar, a
  // restored tab): the page the form belongs to, not the admin app's.
  .get('/:token/accept', (c) => c.redirect(`/invite/${encodeURIComponent(c.req.param('token'))}/register`, 303))
  .get('/:token/sign-in', (c) => c.redirect(`/invite/${encodeURIComponent(c.req.param('token'))}/accepted`, 303))
  // Any other address under /invite is a link cut short or mangled: the dead-link page.
  .all('*', (c) => inactivePage(c))
