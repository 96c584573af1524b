import { nameProblem } from '../../core/people.js'
import { z } from 'zod'
import { userStates } from '../../core/state.js'
import { idFilter } from '../../rest/list-query.js'

export const personName = (what: string) =>
  z.string({ error: `Enter a ${what}.` }).superRefine((value, context) => {
    const problem = nameProblem(value, `a ${what}`)
    if (problem) context.addIssue({ code: 'custom', message: problem })
  }).transform((value) => value.trim())

export const emailInput = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'At most 254 characters.')
  .pipe(z.email('Enter a valid email address.'))

export const groupIdsInput = z
  .array(z.string(), { error: 'Choose at least one group.' })
  .min(1, 'Choose at least one group.')
  .max(200, 'At most 200 groups.')

export const inviteUserInput = z.object({
  firstName: personName('first name'),
  lastName: personName('last name'),
  email: emailInput,
  countryCode: z.string().trim().max(2, 'Use a two-letter country code.').nullish(),
  phone: z.string().trim().max(40, 'At most 40 characters.').nullish(),
  groupIds: groupIdsInput,
})

/** Administrators change groups only; react-admin sends the whole record, the rest is ignored. */
export const updateUserInput = z.object({ groupIds: groupIdsInput })

export const userFilter = z.object({
  id: idFilter.optional(),
  q: z.string().max(200).optional(),
  state: z.enum(userStates).optional(),
  groupId: z.string().max(100).optional(),
})

export const userSortFields = ['name', 'email', 'joinedAt', 'lastSignInAt', 'invitedAt', 'state'] as const
