/** @jsxImportSource hono/jsx */
import { passwordRules } from '../core/passwords.js'
import { CONTROL_CHARACTER, MAX_NAME_LENGTH } from '../core/people.js'
import { FieldError, Page } from './layout.js'
import type { InvitationView } from './pages.js'

export interface RegisterValues {
  firstName?: string
  lastName?: string
  acceptTerms?: boolean
}

// The server says the same (core/invitations/respond.ts); the page only says it before the form is sent.
const PASSWORDS_DIFFER = 'The passwords do not match.'
const TERMS_REQUIRED = 'Accept the terms of use to continue.'

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
  const invalid = (field: string) => (errors[field] ? 'true' : undefined)
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
        <input id="email" type="email" value={invitation.email} readonly aria-readonly="true" autocomplete="username" />
        {invitation.hasPassword ? null : (
          <>
            <label for="firstName">First name</label>
            <input id="firstName" name="firstName" type="text" autocomplete="given-name" required maxlength={100}
              value={values.firstName ?? invitation.firstName} placeholder="Enter your first name"
              aria-invalid={invalid('firstName')} aria-describedby={described('firstName')} />
            <FieldError id="firstName-error" message={errors.firstName} />
            <label for="lastName">Last name</label>
            <input id="lastName" name="lastName" type="text" autocomplete="family-name" required maxlength={100}
              value={values.lastName ?? invitation.lastName} placeholder="Enter your last name"
              aria-invalid={invalid('lastName')} aria-describedby={described('lastName')} />
            <FieldError id="lastName-error" message={errors.lastName} />
          </>
        )}
        <label for="password">Password</label>
        <div class="secret">
          <input id="password" name="password" type="password" required
            autocomplete={invitation.hasPassword ? 'current-password' : 'new-password'}
            placeholder={invitation.hasPassword ? 'Enter your password' : 'Enter a password'} aria-invalid={invalid('password')}
            aria-describedby={[invitation.hasPassword ? undefined : 'password-rules', described('password')].filter(Boolean).join(' ') || undefined} />
          <RevealToggle controls="password" label="Show password" />
        </div>
        <FieldError id="password-error" message={errors.password} />
        {invitation.hasPassword ? (
          <p class="muted">
            <a href={`/password/forgot?${new URLSearchParams({ email: invitation.email, next: `/invite/${invitation.token}/register` }).toString()}`}>
              Forgot your password?
            </a>
          </p>
        ) : null}
        {invitation.hasPassword ? null : (
          <>
            <RulesAndConfirmation error={errors.confirmPassword} />
            <label class="check">
              <input id="acceptTerms" type="checkbox" name="acceptTerms" value="on" checked={values.acceptTerms} required
                aria-invalid={invalid('acceptTerms')} aria-describedby={described('acceptTerms')} data-message={TERMS_REQUIRED} />
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
          </>
        )}
        <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: formScript }} />
        <button type="submit" class="primary">
          Accept invitation
        </button>
      </form>
    </Page>
  )
}

/** A new password's rules, ticked as the person types (formScript), and its confirmation. */
export function RulesAndConfirmation(props: { error?: string }) {
  return (
    <>
      <ul class="rules" id="password-rules" aria-live="polite">
        {passwordRules.map((rule) => (
          <li data-pattern={rule.pattern}>
            {rule.label}
            {/* Said, not only coloured: the script changes it as the person types. */}
            <span class="visually-hidden"> (missing)</span>
          </li>
        ))}
      </ul>
      <label for="confirmPassword">Confirm password</label>
      <div class="secret">
        <input id="confirmPassword" name="confirmPassword" type="password" required autocomplete="new-password"
          placeholder="Confirm your password" aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? 'confirmPassword-error' : undefined} data-message={PASSWORDS_DIFFER} />
        <RevealToggle controls="confirmPassword" label="Show confirm password" />
      </div>
      <FieldError id="confirmPassword-error" message={props.error} />
    </>
  )
}

/** Hidden until the script shows it: without the script it could do nothing. */
export function RevealToggle(props: { controls: string; label: string }) {
  return (
    <button type="button" class="reveal" aria-controls={props.controls} aria-label={props.label} aria-pressed="false" hidden>
      <svg class="eye" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path d="M1.5 12S5.5 5 12 5s10.5 7 10.5 7-4 7-10.5 7S1.5 12 1.5 12z" fill="none" stroke="currentColor" stroke-width="1.8" />
        <circle cx="12" cy="12" r="3.2" fill="none" stroke="currentColor" stroke-width="1.8" />
      </svg>
      <svg class="eye-off" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path d="M1.5 12S5.5 5 12 5s10.5 7 10.5 7-4 7-10.5 7S1.5 12 1.5 12z" fill="none" stroke="currentColor" stroke-width="1.8" />
        <circle cx="12" cy="12" r="3.2" fill="none" stroke="currentColor" stroke-width="1.8" />
        <path d="M3 3l18 18" stroke="currentColor" stroke-width="1.8" />
      </svg>
    </button>
  )
}

/**
 * Progressive enhancement, with the server's checks unchanged: the show-password toggles; the
 * password rules ticked as the person types; a confirmation that differs flagged when they leave
 * it (after the click that left it, if one did: the message moves what is below it), and the terms
 * when the form is sent; an error cleared as soon as it is fixed, and the first
 * one the server found focused; a second click on the button sends nothing (the first is on its way).
 */
export const formScript = `(function(){
var form=document.currentScript.closest('form');
var p=document.getElementById('password'),c=document.getElementById('confirmPassword');
var terms=document.getElementById('acceptTerms'),items=form.querySelectorAll('#password-rules li');
var toggles=form.querySelectorAll('.reveal');
toggles.forEach(function(b){
  var input=document.getElementById(b.getAttribute('aria-controls'));
  b.hidden=false;b.parentNode.classList.add('revealable');
  b.addEventListener('click',function(){
    var show=input.type==='password';input.type=show?'text':'password';b.setAttribute('aria-pressed',String(show))})});
function described(input,id,on){
  var ids=(input.getAttribute('aria-describedby')||'').split(' ').filter(function(x){return x&&x!==id});
  if(on)ids.push(id);
  if(ids.length)input.setAttribute('aria-describedby',ids.join(' '));else input.removeAttribute('aria-describedby')}
function flag(input,message){
  var id=input.id+'-error',e=document.getElementById(id);
  if(!e){e=document.createElement('p');e.className='error';e.id=id;e.setAttribute('role','alert');
    (input.closest('.secret,.check')||input).after(e)}
  e.textContent=message;input.setAttribute('aria-invalid','true');described(input,id,true)}
function clear(input){
  var e=document.getElementById(input.id+'-error');if(e)e.remove();
  input.removeAttribute('aria-invalid');described(input,input.id+'-error',false)}
function flagged(input){return input.getAttribute('aria-invalid')==='true'}
function checkMatch(strict){if(c.value===p.value){if(flagged(c))clear(c)}else if(strict||flagged(c))flag(c,c.dataset.message)}
p.addEventListener('input',function(){
  var met=0;
  items.forEach(function(li){var ok=new RegExp(li.dataset.pattern,'u').test(p.value);li.classList.toggle('met',ok);if(ok)met++;
    var said=li.querySelector('.visually-hidden'),text=ok?' (done)':' (missing)';if(said&&said.textContent!==text)said.textContent=text});
  if(items.length&&met===items.length&&flagged(p))clear(p);
  if(c&&c.value)checkMatch(false)});
var pressing=false,pressed=[];
document.addEventListener('pointerdown',function(){pressing=true},true);
['pointerup','pointercancel'].forEach(function(type){document.addEventListener(type,function(){pressing=false;
  pressed.splice(0).forEach(function(fn){setTimeout(fn,0)})},true)});
function afterPress(fn){if(pressing)pressed.push(fn);else fn()}
if(c){c.addEventListener('input',function(){checkMatch(false)});c.addEventListener('blur',function(){if(c.value)afterPress(function(){checkMatch(true)})})}
if(terms)terms.addEventListener('change',function(){if(terms.checked)clear(terms)});
var control=/${CONTROL_CHARACTER.source}/;
form.querySelectorAll('input[type=text]:not([readonly])').forEach(function(input){
  input.addEventListener('input',function(){var v=input.value.trim();
    if(flagged(input)&&v&&v.length<=${MAX_NAME_LENGTH}&&!control.test(v))clear(input)})});
var first=form.querySelector('[aria-invalid=true]');if(first)first.focus();
var sending=false;
window.addEventListener('pageshow',function(){sending=false});
form.addEventListener('submit',function(event){
  if(sending){event.preventDefault();return}
  var bad=[];
  if(c){checkMatch(true);if(c.value!==p.value)bad.push(c)}
  if(terms&&!terms.checked){flag(terms,terms.dataset.message);bad.push(terms)}
  if(bad.length){event.preventDefault();bad[0].focus();return}
  sending=true;
  toggles.forEach(function(b){document.getElementById(b.getAttribute('aria-controls')).type='password';b.setAttribute('aria-pressed','false')})});
})()`
