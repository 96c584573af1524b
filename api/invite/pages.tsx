/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx'
import { passwordRules } from '../core/passwords.js'
import { FieldError, Page } from './layout.js'

export interface InvitationView {
  token: string
  accountName: string
  email: string
  firstName: string
  lastName: string
  hasPassword: boolean
}

const NO_LONGER_ACTIVE =
  'The invitation link is no longer active! Please check with the person who shared it with you or reach out to support.'

export function InactivePage(props: { productName: string }) {
  return (
    <Page title="Invitation no longer active" productName={props.productName}>
      <h1>Invitation no longer active</h1>
      <p class="center">{NO_LONGER_ACTIVE}</p>
    </Page>
  )
}

/** Someone else's session in this browser: an administrator who opens a link to try it, say. */
function SignedInAs(props: { email: string; children?: Child }) {
  return (
    <p class="notice" role="status">
      You are signed in as {props.email} in this browser. {props.children}
    </p>
  )
}

export function WelcomePage(props: { productName: string; invitation: InvitationView; signedInAs?: string }) {
  const { invitation } = props
  return (
    <Page title="Invitation" productName={props.productName}>
      <h1>
        You have been invited to join {props.productName} under {invitation.accountName}
      </h1>
      {props.signedInAs ? (
        <SignedInAs email={props.signedInAs}>
          This invitation is for {invitation.email}; accepting it does not change who is signed in.
        </SignedInAs>
      ) : null}
      <a class="button-link" href={`/invite/${invitation.token}/register`}>
        Accept invitation
      </a>
      <a class="button-link secondary" href={`/invite/${invitation.token}/decline`}>
        Decline invitation
      </a>
      <p class="center muted" style="margin-top:20px">
        This invitation has been sent to {invitation.email}
      </p>
    </Page>
  )
}

/** Declining cannot be undone (only a new invitation helps): it is asked once more. */
export function DeclineConfirmPage(props: { productName: string; invitation: InvitationView; csrf: string; error?: string }) {
  const { invitation } = props
  return (
    <Page title="Decline invitation" productName={props.productName}>
      <h1>Decline the invitation to join {invitation.accountName}?</h1>
      {props.error ? <p class="alert" role="alert">{props.error}</p> : null}
      <p class="center">The account’s administrators will see that you declined, and this link will stop working.</p>
      <form method="post" action={`/invite/${invitation.token}/decline`}>
        <input type="hidden" name="csrf" value={props.csrf} />
        <button type="submit" class="primary">
          Decline invitation
        </button>
      </form>
      <a class="button-link secondary" href={`/invite/${invitation.token}`}>
        Back
      </a>
    </Page>
  )
}

export interface RegisterValues {
  firstName?: string
  lastName?: string
  acceptTerms?: boolean
}

export function RegisterPage(props: {
  productName: string
  termsUrl?: string
  invitation: InvitationView
  csrf: string
  /** The response's script nonce (its content security policy allows that one inline script). */
  nonce: string
  values?: RegisterValues
  errors?: Record<string, string>
  message?: string
}) {
  const { invitation, errors = {}, values = {} } = props
  const described = (field: string) => (errors[field] ? `${field}-error` : undefined)
  // A message that is already a field's own error (a wrong password) is said there, once.
  const banner = props.message && !Object.values(errors).includes(props.message) ? props.message : undefined
  return (
    <Page title="Accept invitation" productName={props.productName}>
      <h1>
        You have been invited to join {props.productName} under {invitation.accountName}
      </h1>
      <p class="center">{invitation.hasPassword ? 'Confirm with your password to accept.' : 'Please provide the following information'}</p>
      {banner ? <p class="alert" role="alert">{banner}</p> : null}
      <form method="post" action={`/invite/${invitation.token}/accept`} novalidate>
        <input type="hidden" name="csrf" value={props.csrf} />
        <label for="email">Email</label>
        <input id="email" type="email" value={invitation.email} readonly aria-readonly="true" />
        {invitation.hasPassword ? null : (
          <>
            <label for="firstName">First name</label>
            <input id="firstName" name="firstName" type="text" autocomplete="given-name" required maxlength={100}
              value={values.firstName ?? invitation.firstName} placeholder="Enter your first name"
              aria-invalid={errors.firstName ? 'true' : undefined} aria-describedby={described('firstName')} />
            <FieldError id="firstName-error" message={errors.firstName} />
            <label for="lastName">Last name</label>
            <input id="lastName" name="lastName" type="text" autocomplete="family-name" required maxlength={100}
              value={values.lastName ?? invitation.lastName} placeholder="Enter your last name"
              aria-invalid={errors.lastName ? 'true' : undefined} aria-describedby={described('lastName')} />
            <FieldError id="lastName-error" message={errors.lastName} />
          </>
        )}
        <label for="password">Password</label>
        <input id="password" name="password" type="password" required
          autocomplete={invitation.hasPassword ? 'current-password' : 'new-password'}
          placeholder={invitation.hasPassword ? 'Enter your password' : 'Enter a password'}
          aria-invalid={errors.password ? 'true' : undefined} aria-describedby={[invitation.hasPassword ? undefined : 'password-rules', described('password')].filter(Boolean).join(' ') || undefined} />
        <FieldError id="password-error" message={errors.password} />
        {invitation.hasPassword ? null : (
          <>
            <ul class="rules" id="password-rules" aria-live="polite">
              {passwordRules.map((rule) => (
                <li data-pattern={rule.pattern}>{rule.label}</li>
              ))}
            </ul>
            <label for="confirmPassword">Confirm password</label>
            <input id="confirmPassword" name="confirmPassword" type="password" required autocomplete="new-password"
              placeholder="Confirm your password" aria-invalid={errors.confirmPassword ? 'true' : undefined}
              aria-describedby={described('confirmPassword')} />
            <FieldError id="confirmPassword-error" message={errors.confirmPassword} />
            <label class="check">
              <input type="checkbox" name="acceptTerms" value="on" checked={values.acceptTerms} required
                aria-invalid={errors.acceptTerms ? 'true' : undefined} aria-describedby={described('acceptTerms')} />
              <span>
                I agree to the {props.productName}{' '}
                {props.termsUrl ? (
                  <a href={props.termsUrl} target="_blank" rel="noreferrer">
                    Terms of Use
                  </a>
                ) : (
                  'Terms of Use'
                )}
              </span>
            </label>
            <FieldError id="acceptTerms-error" message={errors.acceptTerms} />
            <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: liveRulesScript }} />
          </>
        )}
        <button type="submit" class="primary">
          Accept invitation
        </button>
      </form>
    </Page>
  )
}

// Progressive enhancement: ticks the same rules the server checks, as the person types.
const liveRulesScript = `(function(){var p=document.getElementById('password');var items=document.querySelectorAll('#password-rules li');
p.addEventListener('input',function(){items.forEach(function(li){li.classList.toggle('met',new RegExp(li.dataset.pattern,'u').test(p.value))})})})()`

export function AcceptedPage(props: {
  productName: string
  token: string
  accountName: string
  email: string
  signInUrl: string
  /** Another person signed in here: Sign in becomes a form that ends their session first. */
  signedInAs?: { email: string; csrf: string }
  error?: string
}) {
  const other = props.signedInAs
  return (
    <Page title="Welcome" productName={props.productName}>
      <h1>Welcome to {props.accountName}!</h1>
      {props.error ? <p class="alert" role="alert">{props.error}</p> : null}
      <p class="center">Your invitation is accepted. Sign in with {props.email} and your password.</p>
      {other ? (
        <>
          <SignedInAs email={other.email}>Signing in as {props.email} signs {other.email} out first.</SignedInAs>
          <form method="post" action={`/invite/${props.token}/sign-in`}>
            <input type="hidden" name="csrf" value={other.csrf} />
            <button type="submit" class="primary">
              Sign out and sign in
            </button>
          </form>
        </>
      ) : (
        <a class="button-link" href={props.signInUrl}>
          Sign in
        </a>
      )}
    </Page>
  )
}

export function DeclinedPage(props: { productName: string; accountName: string }) {
  return (
    <Page title="Invitation declined" productName={props.productName}>
      <h1>Invitation declined</h1>
      <p class="center">You declined the invitation to join {props.accountName}. The account’s administrators will see that you declined.</p>
    </Page>
  )
}
