import { describe, expect, it } from 'vitest'
import { groupsGoneMeanwhile } from '../../api/core/memberships/shared.js'
import { alreadyMember } from '../../api/core/memberships/invite.js'
import { userNameTaken } from '../../api/core/memberships/provisioned.js'
import { AlreadyTakenError, DomainError } from '../../api/core/errors.js'
import { toScimError } from '../../api/scim/on-error.js'

// scimType `uniqueness` tells a provider to look the resource up instead of creating it again
// (RFC 7644 §3.12): only a value another resource holds may say so.
describe('SCIM conflicts', () => {
  it('say uniqueness for a value another resource holds', () => {
    for (const error of [userNameTaken('ada@example.com'), alreadyMember('ada@example.com'), new AlreadyTakenError('Taken.', { name: 'Taken.' })]) {
      expect(toScimError(error).body()).toMatchObject({ status: '409', scimType: 'uniqueness' })
    }
  })

  it('say nothing more for other conflicts, even those that name a field', () => {
    for (const error of [groupsGoneMeanwhile(), new DomainError('conflict', 'The account must keep one active administrator.')]) {
      const body = toScimError(error).body()
      expect(body).toMatchObject({ status: '409', detail: error.message })
      expect(body).not.toHaveProperty('scimType')
    }
  })
})
