/** @jsxImportSource hono/jsx */
import { FieldError, Page } from './layout.js'
import { formScript, RevealToggle, RulesAndConfirmation } from './register.js'

/** "Forgot your password?": the email to send a link to. `emailError` is the field's, `error` the form's. */
/**
 * `next`: the invitation the person came from (`returnToInvitation`), carried through the emailed
 * link to the page that says the password was changed.
 */
export function ForgotPasswordPage(props: { productName: string; csrf: string; email?: string; error?: string; emailError?: string; next?: string }) {
  return (
    <Page title="Forgot your password?" productName={props.productName}>
      <h1>Forgot your password?</h1>
      <p class="center">Enter the email you sign in with. We will send you a link to choose a new password.</p>
      {props.error ? <p class="alert" role="alert">{props.error}</p> : null}
      <form method="post" action="/password/forgot" novalidate>
        <input type="hidden" name="csrf" value={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required maxlength={254} value={props.email ?? ''}
          aria-invalid={props.emailError ? 'true' : undefined} aria-describedby={props.emailError ? 'email-error' : undefined} />
        <FieldError id="email-error" message={props.emailError} />
        <button type="submit" class="primary">
          Send me a link
        </button>
      </form>
    </Page>
  )
}

/** The same answer whether or not anyone uses the address: it never tells a stranger. */
export function LinkSentPage(props: { productName: string; email: string }) {
  return (
    <Page title="Check your email" productName={props.productName}>
      <h1>Check your email</h1>
      <p class="center">
        If {props.email} is how someone signs in to {props.productName}, we sent a link there to choose a new password. It
        works once, for one hour.
      </p>
      <p class="center muted">No email? Check your spam folder, or ask again in a few minutes.</p>
    </Page>
  )
}

export function ResetPasswordPage(props: {
  productName: string
  token: string
  email: string
  csrf: string
  nonce: string
  errors?: Record<string, string>
  message?: string
  next?: string
}) {
  const errors = props.errors ?? {}
  const described = (field: string) => (errors[field] ? `${field}-error` : undefined)
  const invalid = (field: string) => (errors[field] ? 'true' : undefined)
  return (
    <Page title="Choose a new password" productName={props.productName}>
      <h1>Choose a new password</h1>
      <p class="center">For {props.email}. Choosing it signs you out everywhere.</p>
      {props.message ? <p class="alert" role="alert">{props.message}</p> : null}
      <form method="post" action={`/password/reset/${props.token}${withNext(props.next)}`} novalidate>
        <input type="hidden" name="csrf" value={props.csrf} />
        {/* For password managers: the account the new password is for (not sent). */}
        <input type="email" autocomplete="username" value={props.email} readonly hidden aria-hidden="true" tabindex={-1} />
        <label for="password">New password</label>
        <div class="secret">
          <input id="password" name="password" type="password" required autocomplete="new-password" placeholder="Enter a password"
            aria-invalid={invalid('password')} aria-describedby={['password-rules', described('password')].filter(Boolean).join(' ')} />
          <RevealToggle controls="password" label="Show password" />
        </div>
        <FieldError id="password-error" message={errors.password} />
        <RulesAndConfirmation error={errors.confirmPassword} />
        <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: formScript }} />
        <button type="submit" class="primary">
          Save the new password
        </button>
      </form>
    </Page>
  )
}

/** `?next=…` for a path that `returnToInvitation` let through, or nothing. */
export const withNext = (next: string | undefined) => (next ? `?${new URLSearchParams({ next }).toString()}` : '')

export function PasswordChangedPage(props: { productName: string; signInUrl: string; next?: string }) {
  return (
    <Page title="Password changed" productName={props.productName}>
      <h1>Your password was changed</h1>
      <p class="center">You were signed out everywhere. Sign in with the new password.</p>
      {props.next ? (
        <>
          <a class="button-link" href={props.next}>
            Back to your invitation
          </a>
          <a class="button-link secondary" href={props.signInUrl}>
            Sign in
          </a>
        </>
      ) : (
        <a class="button-link" href={props.signInUrl}>
          Sign in
        </a>
      )}
    </Page>
  )
}

export function ResetLinkInactivePage(props: { productName: string }) {
  return (
    <Page title="Link no longer active" productName={props.productName}>
      <h1>This link is no longer active</h1>
      <p class="center">A link to reset a password works once, for one hour.</p>
      <a class="button-link" href="/password/forgot">
        Send me a new link
      </a>
    </Page>
  )
}
