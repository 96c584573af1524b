import type { useTranslate } from 'react-admin'

type Translate = ReturnType<typeof useTranslate>

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

/** "phoneNumbers" → "phone numbers": for attributes a provider sends that have no label here. */
const humanized = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()

/**
 * A SCIM attribute as administrators read it: "Employee number" for
 * `urn:…:enterprise:2.0:User:employeeNumber`, "Enterprise attributes" for the extension itself.
 */
export function attributeLabel(key: string, translate: Translate): string {
  if (key === ENTERPRISE) return translate('roster.users.provider.attributes.enterprise')
  const name = key.startsWith(`${ENTERPRISE}:`) ? key.slice(ENTERPRISE.length + 1) : key.startsWith('urn:') ? key.slice(key.lastIndexOf(':') + 1) : key
  return translate(`roster.users.provider.attributes.${name.replace(/\./g, '_')}`, { _: humanized(name) })
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** An entry of a multi-valued attribute: "+41 44 123 45 67 (work)". An address shows its parts. */
function entryText(entry: unknown): string {
  if (!isObject(entry)) return String(entry)
  const value = entry.value ?? entry.formatted ?? [entry.streetAddress, entry.postalCode, entry.locality, entry.region, entry.country].filter(Boolean).join(', ')
  const type = typeof entry.type === 'string' && entry.type ? ` (${entry.type})` : ''
  return `${String(value)}${type}`
}

/** A value the provider keeps, as one line of text; an empty list is the provider's "none". */
export function attributeText(key: string, value: unknown, translate: Translate): string {
  if (Array.isArray(value)) return value.length ? value.map(entryText).join(', ') : translate('roster.users.provider.none')
  if (isObject(value)) {
    if (key === 'name') return String(value.formatted ?? [value.honorificPrefix, value.givenName, value.middleName, value.familyName].filter(Boolean).join(' '))
    if (key === 'manager' || key.endsWith(':manager')) return String(value.displayName ?? value.value ?? '')
    return Object.entries(value)
      .map(([part, child]) => `${attributeLabel(part, translate)}: ${attributeText(part, child, translate)}`)
      .join(', ')
  }
  return String(value)
}

// The core attributes people look for first; the others follow in the order the provider sent them.
const READING_ORDER = ['name', 'displayName', 'title', 'emails', 'phoneNumbers', 'addresses']

/**
 * The rows of what a provider keeps on a user, in a reading order: its identifiers, then the core
 * attributes, then each enterprise attribute on its own row.
 */
export function providerRows(
  provider: { userName: string | null; externalId: string | null; attributes: Record<string, unknown> },
  translate: Translate,
): { label: string; text: string }[] {
  const rows: { label: string; text: string }[] = []
  if (provider.userName) rows.push({ label: attributeLabel('userName', translate), text: provider.userName })
  if (provider.externalId) rows.push({ label: attributeLabel('externalId', translate), text: provider.externalId })
  const { [ENTERPRISE]: enterprise, ...core } = provider.attributes
  const rank = (key: string) => (READING_ORDER.indexOf(key) + READING_ORDER.length + 1) % (READING_ORDER.length + 1)
  const keys = Object.keys(core).sort((a, b) => rank(a) - rank(b))
  for (const key of keys) rows.push({ label: attributeLabel(key, translate), text: attributeText(key, core[key], translate) })
  if (isObject(enterprise)) {
    for (const [key, value] of Object.entries(enterprise)) rows.push({ label: attributeLabel(key, translate), text: attributeText(key, value, translate) })
  }
  return rows.filter((row) => row.text !== '')
}
