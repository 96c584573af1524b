import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'

interface Named {
  firstName?: string | null
  lastName?: string | null
  email?: string | null
}

export function fullName(person: Named | undefined): string {
  if (!person) return ''
  const name = `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim()
  return name || person.email || ''
}

/** Up to two letters for an avatar: "Andy Anderson" -> "AA", "German sub" -> "GS". */
export function initials(name: string): string {
  // Words of letters and digits only: "Engineering (Okta)" is "EO", not "E(".
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words
  return letters
    .map((word) => Array.from(word ?? '')[0] ?? '')
    .join('')
    .toUpperCase()
}

// Dates follow the browser's regional settings, as react-admin's DateField does.
const dateFormat = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: 'short', year: 'numeric' })
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : ''
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? timeFormat.format(new Date(iso)) : ''
}

const timeWithSecondsFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** For logs, where requests a few seconds apart must be told apart. */
export function formatTimeWithSeconds(iso: string | null | undefined): string {
  return iso ? timeWithSecondsFormat.format(new Date(iso)) : ''
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? `${formatDate(iso)} ${formatTime(iso)}` : ''
}

/** "+41 44 668 18 00" for a number stored as E.164 or national digits with its country. */
export function formatPhone(phone: string | null | undefined, countryCode?: string | null): string {
  if (!phone) return ''
  const parsed = parsePhoneNumberFromString(phone, (countryCode ?? undefined) as CountryCode | undefined)
  return parsed ? parsed.formatInternational() : phone
}
