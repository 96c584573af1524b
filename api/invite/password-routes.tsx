/** @jsxImportSource hono/jsx */
import { Hono } from 'hono'
import { newId } from '../core/crypto.js'
import { DomainError } from '../core/errors.js'
import { CONTROL_CHARACTER } from '../core/people.js'
import { openPasswordReset, requestPasswordReset, resetPassword } from '../core/password-reset.js'
import { renderEmail } from '../../emails/render.js'
import { EmailProviderError, SEND_TIMEOUT_MS } from '../mail/resend-mailer.js'
import { sameOrigin } from '../middleware/same-origin.js'
import type { AppEnv, Services } from '../services.js'
import { csrfCookie, emailLinkPageHeaders, formBody } from './page-guard.js'
import { ForgotPasswordPage, LinkSentPage, PasswordChangedPage, ResetLinkInactivePage, ResetPasswordPage, withNext } from './password-pages.js'

const csrf = csrfCookie('roster_password_csrf', '/password')
const EXPIRED_FORM = 'This form has expired. Please submit it again.'
const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')

/**
 * Where "Forgot your password?" on an invitation's form leads back to once the password is
 * changed: that form, and nothing else (never a redirect to another site).
 */
export function returnToInvitation(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/invite\/[A-Za-z0-9_-]{20,100}\/register$/.test(value) ? value : undefined
}

/** Waits before the second and third try of a reset email the provider failed for a moment. */
const RESEND_DELAYS_MS = [1_000, 5_000]
/** A provider asking to wait longer than this is not tried again. */
const MAX_WAIT_MS = 10_000
/**
 * Every try, waits and sends included, ends within this: a Worker's work after the response is
 * cut at 30 s, and the failure must still be logged and the connection closed.
 */
const BUDGET_MS = 25_000

/**
 * Sent after the response, straight to the mailer: the link exists only in this email (the
 * database keeps its hash), so no outbox sends it later. A passing failure of the provider (a 5xx,
 * a 429, a timeout) is tried twice more within seconds, under the same idempotency key; after
 * that, or on any other failure, a person who gets none asks again.
 */
async function sendResetLink(services: Services, link: { to: string; firstName: string; token: string }, next?: string) {
  const { config, mailer, log } = services
  // Once the response has gone: rendering the email while it is written would make an address
  // someone uses answer measurably slower than one nobody does.
  await new Promise((resolve) => setTimeout(resolve, 0))
  const url = `${config.appUrl.replace(/\/+$/, '')}/password/reset/${link.token}${withNext(next)}`
  try {
    const message = await renderEmail({ kind: 'password_reset', props: { firstName: link.firstName, productName: config.productName, url } })
    const email = { id: newId(), accountId: null, to: link.to, from: config.mailFrom, link: url, ...message }
    const started = Date.now()
    for (let attempt = 0; ; attempt++) {
      try {
        await mailer.send(email)
        break
      } catch (error) {
        if (!(error instanceof EmailProviderError && error.retryable) || attempt >= RESEND_DELAYS_MS.length) throw error
        const wait = Math.max(RESEND_DELAYS_MS[attempt]!, error.retryAfterMs ?? 0)
        if (wait > MAX_WAIT_MS || Date.now() - started + wait + SEND_TIMEOUT_MS > BUDGET_MS) throw error
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
    }
  } catch (error) {
    log.error('password reset email not sent', { error: String(error) })
  }
}

/** "Forgot your password?" and the page its emailed link opens. GETs change nothing. */
export const passwordPages = new Hono<AppEnv>()
  .use(emailLinkPageHeaders())
  .use(sameOrigin())
  .get('/forgot', (c) => {
    const { productName } = c.get('services').config
    return c.html(
      <ForgotPasswordPage productName={productName} csrf={csrf.token(c)} email={c.req.query('email')?.slice(0, 254)} next={returnToInvitation(c.req.query('next'))} />,
    )
  })
  .post('/forgot', async (c) => {
    const services = c.get('services')
    const { productName } = services.config
    const body = await formBody(c)
    const email = field(body, 'email').trim()
    const next = returnToInvitation(body.next)
    if (!csrf.valid(c, body.csrf)) return c.html(<ForgotPasswordPage productName={productName} csrf={csrf.token(c)} email={email} next={next} error={EXPIRED_FORM} />, 403)
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || CONTROL_CHARACTER.test(email) || email.length > 254) {
      return c.html(<ForgotPasswordPage productName={productName} csrf={csrf.token(c)} email={email} next={next} emailError="Enter the email you sign in with." />, 400)
    }
    // After the answer, not before: a known address costs a locked write that an unknown one does
    // not, and the time to answer would tell which addresses have an account.
    services.afterResponse(async () => {
      const link = await requestPasswordReset(services, email)
      if (link) await sendResetLink(services, link, next)
    })
    // Post/Redirect/Get: reloading the page that says a link went out must not ask for another.
    return c.redirect(`/password/forgot/sent?${new URLSearchParams({ email }).toString()}`, 303)
  })
  .get('/forgot/sent', (c) => {
    const { productName } = c.get('services').config
    const email = c.req.query('email')?.slice(0, 254) ?? ''
    return c.html(<LinkSentPage productName={productName} email={email} />)
  })
  .get('/reset/:token', async (c) => {
    const services = c.get('services')
    const { productName } = services.config
    const token = c.req.param('token')
    const reset = await openPasswordReset(services, token)
    if (!reset) return c.html(<ResetLinkInactivePage productName={productName} />, 404)
    return c.html(
      <ResetPasswordPage productName={productName} token={token} email={reset.email} csrf={csrf.token(c)} nonce={c.get('scriptNonce')}
        next={returnToInvitation(c.req.query('next'))} />,
    )
  })
  .post('/reset/:token', async (c) => {
    const services = c.get('services')
    const { productName } = services.config
    const token = c.req.param('token')
    const reset = await openPasswordReset(services, token)
    if (!reset) return c.html(<ResetLinkInactivePage productName={productName} />, 404)
    const next = returnToInvitation(c.req.query('next'))
    const again = (status: 400 | 403, message: string, errors?: Record<string, string>) =>
      c.html(
        <ResetPasswordPage productName={productName} token={token} email={reset.email} csrf={csrf.token(c)} nonce={c.get('scriptNonce')}
          message={message} errors={errors} next={next} />,
        status,
      )
    const body = await formBody(c)
    if (!csrf.valid(c, body.csrf)) return again(403, EXPIRED_FORM)
    try {
      await resetPassword(services, token, { password: field(body, 'password'), confirmPassword: field(body, 'confirmPassword') })
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') return again(400, error.message, error.fields)
      if (error instanceof DomainError) return c.html(<ResetLinkInactivePage productName={productName} />, 404)
      throw error
    }
    // Post/Redirect/Get: a reload shows the confirmation, not a used link.
    return c.redirect(`/password/changed${withNext(next)}`, 303)
  })
  .get('/changed', (c) => {
    const { productName, appUrl } = c.get('services').config
    return c.html(
      <PasswordChangedPage productName={productName} signInUrl={`${appUrl.replace(/\/+$/, '')}/#/login`} next={returnToInvitation(c.req.query('next'))} />,
    )
  })
