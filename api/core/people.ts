import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import { getCountries } from 'libphonenumber-js'
import { DomainError } from './errors.js'

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export const MAX_NAME_LENGTH = 100
// Control characters: C0 and C1 (PostgreSQL cannot store NUL in text), the line and paragraph
// separators, and the invisible marks that reorder text (a name shown backwards, say).
export const NO_CONTROL_CHARACTERS = 'Remove the control characters (tabs, line breaks, ...).'

/**
 * What is wrong with text typed in Roster (a group's or a token's name; `lines`: a description),
 * or null: control characters, as in people's names. A value equal to the stored one is not
 * checked: react-admin sends the whole record back, an older value (or a provider's) included.
 */
export function typedTextProblem(value: string | undefined, stored?: string | null, { lines = false } = {}): string | null {
  if (value === undefined || value === stored) return null
  return CONTROL_CHARACTER.test(lines ? value.replace(/\r?\n/g, ' ') : value) ? NO_CONTROL_CHARACTERS : null
}
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** What is wrong with a first or last name (`what`: "your first name", "a first name"), or null. */
export function nameProblem(value: string | undefined | null, what: string): string | null {
  const name = value?.trim() ?? ''
  if (!name) return `Enter ${what}.`
  if (name.length > MAX_NAME_LENGTH) return `At most ${MAX_NAME_LENGTH} characters.`
  if (CONTROL_CHARACTER.test(name)) return NO_CONTROL_CHARACTERS
  return null
}

const countries = new Set<string>(getCountries())

export function isCountryCode(code: string): code is CountryCode {
  return countries.has(code)
}

/**
 * A phone number is validated for its country and stored in E.164, so "079 123 45 67" in CH and
 * "+41791234567" are the same number.
 */
export function normalizePhone(countryCode: string | null | undefined, phone: string | null | undefined) {
  const number = phone?.trim() || null
  const country = countryCode?.trim().toUpperCase() || null
  if (country && !isCountryCode(country)) {
    throw new DomainError('validation_failed', 'Unknown country code.', { countryCode: 'Choose a country from the list.' })
  }
  if (!number) return { countryCode: country, phone: null }
  if (!country) {
    throw new DomainError('validation_failed', 'Choose the country of the phone number.', {
      countryCode: 'Required with a phone number.',
    })
  }
  // A number in international form may belong to another country than the one chosen ("+49…" is
  // not Swiss). Countries that share a calling code share numbers (+1 for CA and US, +44 for GB and
  // JE): those count as the chosen country's.
  const parsed = parsePhoneNumberFromString(number, country as CountryCode)
  if (!parsed?.isValid() || parsed.countryCallingCode !== getCountryCallingCode(country as CountryCode)) {
    throw new DomainError('validation_failed', 'The phone number is not valid for the chosen country.', {
      phone: `Not a valid phone number for ${country}.`,
    })
  }
  return { countryCode: country, phone: parsed.number as string }
}

export function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`.trim()
}
