import { describe, expect, it } from 'vitest'
import { findAttribute, userSchema } from '../../../api/scim/schema/index.js'
import { compileValueFilter, filterEqualities, matchesValueFilter, parsePath } from '../../../api/scim/patch/index.js'
import { ENTERPRISE, scimError } from './support.js'

const emails = findAttribute(userSchema.attributes, 'emails')!
const workType = { op: 'eq', attrPath: 'type', compValue: 'work' }

describe('parsePath', () => {
  it.each([
    ['active', { attribute: 'active' }],
    ['NAME.GIVENNAME', { attribute: 'name', subAttribute: 'givenName' }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName', { attribute: 'userName' }],
    ['emails', { attribute: 'emails' }],
    ['emails.value', { attribute: 'emails', subAttribute: 'value' }],
    ['emails[type eq "work"].value', { attribute: 'emails', filter: workType, subAttribute: 'value' }],
    ['EMAILS[TYPE EQ "work"].VALUE', { attribute: 'emails', filter: workType, subAttribute: 'value' }],
    ['phoneNumbers[type eq "work"]', { attribute: 'phoneNumbers', filter: workType }],
    [`${ENTERPRISE}:manager`, { attribute: `${ENTERPRISE}:manager` }],
    [`${ENTERPRISE.toUpperCase()}:MANAGER.VALUE`, { attribute: `${ENTERPRISE}:manager`, subAttribute: 'value' }],
    [ENTERPRISE, { attribute: ENTERPRISE }],
    ['  title  ', { attribute: 'title' }],
    [
      'emails[type eq "work" and primary eq "True"]',
      {
        attribute: 'emails',
        filter: { op: 'and', filters: [workType, { op: 'eq', attrPath: 'primary', compValue: true }] },
      },
    ],
    ['emails[value eq "a]b"].display', {
      attribute: 'emails',
      filter: { op: 'eq', attrPath: 'value', compValue: 'a]b' },
      subAttribute: 'display',
    }],
  ])('User %s', (text, expected) => {
    expect(parsePath('User', text)).toEqual(expected)
  })

  it('parses a Group member filter', () => {
    expect(parsePath('Group', 'members[value eq "2819c223"]')).toEqual({
      attribute: 'members',
      filter: { op: 'eq', attrPath: 'value', compValue: '2819c223' },
    })
  })

  it.each(['foo', 'name.foo', 'emails[type eq "work"].foo', 'urn:example:custom:2.0:User:costume', 'foo[bar eq 1]'])(
    'gives undefined for the unknown %s',
    (text) => expect(parsePath('User', text)).toBeUndefined(),
  )

  it.each([
    '',
    '   ',
    'emails[',
    'emails[]',
    'emails[  ]',
    'emails[type eq]',
    'emails[type eq work]',
    'emails[type eq "work"',
    'emails[type eq "work].value',
    'emails[type eq "work"].',
    'emails[type eq "work"]x',
    'emails[type eq "a"][type eq "b"]',
    'emails[foo eq "x"]',
    'emails[type eq "a" and]',
    'emails[addresses[type eq "x"]]',
    'name..givenName',
    '.name',
    'name.givenName.formatted',
    'name[givenName eq "x"]',
    'userName.x',
    'active[value eq true]',
    'emails.value[type eq "work"]',
    '1abc',
    'emails type',
    'urn:ietf:params:scim:schemas:core:2.0:User',
    `emails[type eq "${'x'.repeat(1100)}"]`,
  ])('refuses %j with invalidPath', (text) => {
    expect(scimError(() => parsePath('User', text)).scimType).toBe('invalidPath')
  })
})

describe('value path filters on one element', () => {
  const element = { type: 'Work', value: 'A@Example.com', primary: true, display: '' }
  it.each([
    ['type eq "work"', true],
    ['type eq "home"', false],
    ['value eq "a@example.com"', true],
    ['primary eq true', true],
    ['primary eq True', true],
    ['primary Eq FALSE', false],
    ['primary eq "True"', true],
    ['primary eq false', false],
    ['type eq "work" and primary eq false', false],
    ['type eq "home" or primary eq true', true],
    ['not (type eq "home")', true],
    ['type ne "work"', false],
    ['display pr', false],
    ['value pr', true],
    ['value sw "a@"', true],
    ['value ew ".COM"', true],
    ['value co "@example"', true],
    ['value gt "a"', true],
    ['value lt "a"', false],
    ['primary gt false', false],
    ['value eq 5', false],
  ])('%s → %s', (filter, expected) => {
    expect(matchesValueFilter(compileValueFilter(emails, filter), element, emails)).toBe(expected)
  })

  it('treats an absent sub-attribute as not equal', () => {
    const filter = compileValueFilter(emails, 'type ne "work"')
    expect(matchesValueFilter(filter, { value: 'x' }, emails)).toBe(true)
    expect(matchesValueFilter(compileValueFilter(emails, 'type eq "work"'), { value: 'x' }, emails)).toBe(false)
  })

  it('never matches what is not an object', () => {
    const filter = compileValueFilter(emails, 'not (type eq "work")')
    for (const element of [null, 'work', 5, ['work']]) expect(matchesValueFilter(filter, element, emails)).toBe(false)
  })

  it('decodes JSON escapes in strings', () => {
    const quote = compileValueFilter(emails, String.raw`value eq "say \"hi\""`)
    expect(matchesValueFilter(quote, { value: 'say "hi"' }, emails)).toBe(true)
    const backslash = compileValueFilter(emails, String.raw`value eq "back\\slash"`)
    expect(matchesValueFilter(backslash, { value: 'back\\slash' }, emails)).toBe(true)
  })

  it.each([
    ['type eq "work"', { type: 'work' }],
    ['type eq "work" and primary eq true', { type: 'work', primary: true }],
    ['(type eq "work") and (value eq "x")', { type: 'work', value: 'x' }],
    ['type eq "work" or type eq "home"', undefined],
    ['type ne "work"', undefined],
    ['type eq "work" and type eq "home"', undefined],
    ['type eq 5', undefined],
    ['value pr', undefined],
  ])('%s describes the new entry %j', (filter, expected) => {
    expect(filterEqualities(compileValueFilter(emails, filter), emails)).toEqual(expected)
  })
})
