import { expect, it } from 'vitest'
import { LIMITS } from '../../admin/src/plugin/limits'
import { GROUP_DESCRIPTION_MAX_LENGTH, GROUP_NAME_MAX_LENGTH } from '../../api/core/groups'
import { MAX_NAME_LENGTH } from '../../api/core/people'

// The forms say the server's limits before a round trip: a form allowing more than the server (a
// group description of 1000 characters was refused at 500 in the UI) or less must not ship.
it('the admin forms know the same limits as the API', () => {
  expect(LIMITS).toEqual({ personName: MAX_NAME_LENGTH, groupName: GROUP_NAME_MAX_LENGTH, groupDescription: GROUP_DESCRIPTION_MAX_LENGTH })
})
