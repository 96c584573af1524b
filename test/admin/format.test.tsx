import { describe, expect, it } from 'vitest'
import { detailsOf } from '../../admin/src/plugin/users/userDetails'
import { initials } from '../../admin/src/plugin/common/format'

describe('initials for avatars', () => {
  it.each([
    ['Andy Anderson', 'AA'],
    ['Engineering (Okta)', 'EO'],
    ['  Zoë   van der Berg ', 'ZB'],
    ['R&D', 'RD'],
    ['Ops', 'O'],
    ['3rd line support', '3S'],
    ['(—)', ''],
  ])('%s → %s', (name, expected) => {
    expect(initials(name)).toBe(expected)
  })
})

describe('a stored phone number in a form', () => {
  it('reads as people type it for their country, and in international form otherwise', () => {
    const person = { firstName: 'Ada', lastName: 'Admin', email: 'ada@x.example' }
    expect(detailsOf({ ...person, countryCode: 'CH', phone: '+41446681800' }).phone).toBe('044 668 18 00')
    expect(detailsOf({ ...person, countryCode: 'CH', phone: '+4930901820' }).phone).toBe('+49 30 901820')
    expect(detailsOf({ ...person, countryCode: null, phone: null }).phone).toBe('')
  })
})
