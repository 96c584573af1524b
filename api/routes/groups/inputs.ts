import { z } from 'zod'
import { GROUP_DESCRIPTION_MAX_LENGTH, GROUP_NAME_MAX_LENGTH } from '../../core/groups.js'
import { CONTROL_CHARACTER, NO_CONTROL_CHARACTERS } from '../../core/people.js'
import { idFilter } from '../../rest/list-query.js'

const groupName = z
  .string({ error: 'Enter a group name.' })
  .trim()
  .min(1, 'Enter a group name.')
  .max(GROUP_NAME_MAX_LENGTH, `At most ${GROUP_NAME_MAX_LENGTH} characters.`)
  .refine((name) => !CONTROL_CHARACTER.test(name), NO_CONTROL_CHARACTERS)
// A description may take several lines; other control characters are refused as in names.
const description = z
  .string()
  .trim()
  .max(GROUP_DESCRIPTION_MAX_LENGTH, `At most ${GROUP_DESCRIPTION_MAX_LENGTH} characters.`)
  .refine((text) => !CONTROL_CHARACTER.test(text.replace(/\r?\n/g, ' ')), NO_CONTROL_CHARACTERS)

export const createGroupInput = z.object({ name: groupName, description: description.optional() })
export const updateGroupInput = z.object({ name: groupName.optional(), description: description.nullish().transform((v) => v ?? undefined) })
export const groupFilter = z.object({ id: idFilter.optional(), q: z.string().max(200).optional() })
export const groupSortFields = ['name', 'memberCount', 'createdAt'] as const
