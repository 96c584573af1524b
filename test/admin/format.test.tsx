import { describe, expect, it } from 'vitest'
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
