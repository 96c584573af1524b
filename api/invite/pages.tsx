/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx'
import { Page } from './layout.js'

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

export function InactivePage(props: { productName: string; signInUrl?: string }) {
  return (
    <Page title="Invitation no longer active" productName={props.productName}>
      <h1>Invitation no longer active</h1>
      <p class="center">{NO_LONGER_ACTIVE}</p>
      {/* A member who opens an old invitation again is looking for the way in; a stranger learns nothing. */}
      {props.signInUrl ? (
        <p class="center muted">
          Already a member? <a href={props.signInUrl}>Sign in</a>
        </p>
      ) : null}
    </Page>
  )
}

/** A second tab (or a retried form) whose answer the first one beat: said, so the person knows which answer counts. */
export type AnsweredBefore = 'accepted' | 'declined'

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
      <h1>Welcome to {props.productName}</h1>
      <p class="center">
        {invitation.hasPassword
          ? 'You have been invited to join the account of'
          : 'Let’s create your user account so that you can join the account of'}
      </p>
      <p class="account-name">{invitation.accountName}</p>
      <p class="center">Choose Accept invitation to continue.</p>
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

export function AcceptedPage(props: {
  productName: string
  token: string
  accountName: string
  email: string
  signInUrl: string
  /** Another person signed in here: Sign in becomes a form that ends their session first. */
  signedInAs?: { email: string; csrf: string }
  error?: string
  /** This form was sent after the invitation had been answered (another tab, a retry). */
  answeredBefore?: boolean
}) {
  const other = props.signedInAs
  return (
    <Page title="Welcome" productName={props.productName}>
      <h1>Welcome to {props.accountName}!</h1>
      {props.error ? <p class="alert" role="alert">{props.error}</p> : null}
      {props.answeredBefore ? (
        <p class="notice" role="status">
          This invitation had already been accepted (in another tab, say), so this form was not saved: sign in with the password
          chosen then, or choose Forgot your password? on the sign-in page.
        </p>
      ) : null}
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

export function DeclinedPage(props: { productName: string; accountName: string; answeredBefore?: boolean }) {
  return (
    <Page title="Invitation declined" productName={props.productName}>
      <h1>Invitation declined</h1>
      {props.answeredBefore ? (
        <p class="notice" role="status">
          This invitation had already been declined (in another tab, say), so it can no longer be accepted.
        </p>
      ) : null}
      <p class="center">You declined the invitation to join {props.accountName}. The account’s administrators will see that you declined.</p>
      <p class="center muted">Declined by mistake? Ask an administrator of {props.accountName} to invite you again.</p>
    </Page>
  )
}
