import { z } from 'zod'
import { GROUP_DESCRIPTION_MAX_LENGTH, GROUP_NAME_MAX_LENGTH } from '../../core/groups.js'
import { CONTROL_CHARACTER, NO_CONTROL_CHARACTERS } from '../../core/people.js'
import { idFilter } from '../../rest/list-query.js'

const groupName = z
  .string({ error: 'Enter a group name.' })
  .trim()
  .min(1, 'Enter a group name.')
  .max(GROUP_NAME_MAX_LENGTH, `At most ${GROUP_NAME_MAX_LENGTH} characters.`)
const description = z.string().trim().max(GROUP_DESCRIPTION_MAX_LENGTH, `At most ${GROUP_DESCRIPTION_MAX_LENGTH} characters.`)

/**
 * What is wrong with a group's name or description typed in Roster, or null. Control characters
 * are refused as in people's names (a description may take several lines). An identity
 * provider's names are kept as it sends them, so an update checks only a value that changes:
 * react-admin sends the whole record back.
 */
export function typedGroupProblems(input: { name?: string; description?: string }, stored?: { name: string; description: string | null }) {
  const errors: Record<string, string> = {}
  if (input.name !== undefined && input.name !== stored?.name && CONTROL_CHARACTER.test(input.name)) errors.name = NO_CONTROL_CHARACTERS
  const text = input.description
  if (text !== undefined && text !== stored?.description && CONTROL_CHARACTER.test(text.replace(/\r?\n/g, ' '))) errors.description = NO_CONTROL_CHARACTERS
  return Object.keys(errors).length ? errors : null
}

export const createGroupInput = z.object({ name: groupName, description: description.optional() })
export const updateGroupInput = z.object({ name: groupName.optional(), description: description.nullish().transform((v) => v ?? undefined) })
export const groupFilter = z.object({ id: idFilter.optional(), q: z.string().max(200).optional() })
export const groupSortFields = ['name', 'memberCount', 'createdAt'] as const
