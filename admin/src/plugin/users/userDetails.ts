import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import type { NewUser, User } from '../types'
import { LIMITS } from '../limits'

export interface UserDetailsValues {
  firstName: string
  lastName: string
  email: string
  countryCode: string | null
  phone: string
}

export type UserDetailsField = keyof UserDetailsValues

export const USER_DETAILS_FIELDS: readonly UserDetailsField[] = [
  'firstName',
  'lastName',
  'email',
  'countryCode',
  'phone',
]

export const emptyUserDetails: UserDetailsValues = {
  firstName: '',
  lastName: '',
  email: '',
  countryCode: null,
  phone: '',
}

/** A translation key and its arguments. */
export interface FieldError {
  message: string
  args?: Record<string, unknown>
}

export type UserDetailsErrors = Partial<Record<UserDetailsField, FieldError>>

// Deliberately loose: the server has the last word; this only catches obvious typos.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const isValidEmail = (email: string) => EMAIL.test(email.trim())

// The server's limit for a first or last name, said before Add rather than after.
const MAX_NAME_LENGTH = LIMITS.personName
const tooLong: FieldError = { message: 'ra.validation.maxLength', args: { max: MAX_NAME_LENGTH } }

export function validateUserDetails(values: UserDetailsValues): UserDetailsErrors {
  const errors: UserDetailsErrors = {}
  if (!values.firstName.trim()) errors.firstName = { message: 'ra.validation.required' }
  else if (values.firstName.trim().length > MAX_NAME_LENGTH) errors.firstName = tooLong
  if (!values.lastName.trim()) errors.lastName = { message: 'ra.validation.required' }
  else if (values.lastName.trim().length > MAX_NAME_LENGTH) errors.lastName = tooLong
  if (!values.email.trim()) errors.email = { message: 'ra.validation.required' }
  else if (!isValidEmail(values.email)) errors.email = { message: 'ra.validation.email' }

  const phone = values.phone.trim()
  if (phone && !values.countryCode) {
    errors.countryCode = { message: 'roster.users.validation.country_required' }
  } else if (phone && values.countryCode && !isPhoneOf(phone, values.countryCode)) {
    errors.phone = { message: 'roster.users.validation.phone_invalid', args: { country: values.countryCode } }
  }
  return errors
}

/**
 * A valid number of that country: "+49 30 901820" is German, whatever country was chosen. Countries
 * sharing a calling code share numbers (a Canadian toll-free number reads as US): those count.
 */
function isPhoneOf(phone: string, countryCode: string): boolean {
  const parsed = parsePhoneNumberFromString(phone, countryCode as CountryCode)
  return parsed !== undefined && parsed.isValid() && parsed.countryCallingCode === getCountryCallingCode(countryCode as CountryCode)
}

/** What `POST /users` receives: trimmed names, the phone in E.164 with its ISO country code. */
export function toNewUser(values: UserDetailsValues, groupIds: string[]): NewUser {
  const user: NewUser = {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    email: values.email.trim(),
    groupIds,
  }
  const phone = values.phone.trim()
  if (phone && values.countryCode) {
    user.countryCode = values.countryCode
    user.phone = parsePhoneNumberFromString(phone, values.countryCode as CountryCode)?.number ?? phone
  }
  return user
}

export function detailsOf(
  user: Pick<User, 'firstName' | 'lastName' | 'email' | 'countryCode' | 'phone'>,
): UserDetailsValues {
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    countryCode: user.countryCode,
    phone: user.phone ? asTyped(user.phone, user.countryCode) : '',
  }
}

/** A stored number (E.164) as people type it for their country: "+41446681800" → "044 668 18 00". */
function asTyped(phone: string, countryCode: string | null): string {
  const parsed = parsePhoneNumberFromString(phone)
  if (!parsed?.isValid()) return phone
  return countryCode && parsed.country === countryCode ? parsed.formatNational() : parsed.formatInternational()
}
