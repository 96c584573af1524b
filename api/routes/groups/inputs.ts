import { z } from 'zod'
import { GROUP_DESCRIPTION_MAX_LENGTH, GROUP_NAME_MAX_LENGTH } from '../../core/groups.js'
import { typedTextProblem } from '../../core/people.js'
import { idFilter } from '../../rest/list-query.js'

const groupName = z
  .string({ error: 'Enter a group name.' })
  .trim()
  .min(1, 'Enter a group name.')
  .max(GROUP_NAME_MAX_LENGTH, `At most ${GROUP_NAME_MAX_LENGTH} characters.`)
const description = z.string().trim().max(GROUP_DESCRIPTION_MAX_LENGTH, `At most ${GROUP_DESCRIPTION_MAX_LENGTH} characters.`)

/** What is wrong with a group's name or description typed in Roster (typedTextProblem), or null; an identity provider's are kept as sent. */
export function typedGroupProblems(input: { name?: string; description?: string }, stored?: { name: string; description: string | null }) {
  const name = typedTextProblem(input.name, stored?.name)
  const description = typedTextProblem(input.description, stored?.description, { lines: true })
  const errors = { ...(name ? { name } : {}), ...(description ? { description } : {}) }
  return Object.keys(errors).length ? errors : null
}

export const createGroupInput = z.object({ name: groupName, description: description.optional() })
export const updateGroupInput = z.object({ name: groupName.optional(), description: description.nullish().transform((v) => v ?? undefined) })
export const groupFilter = z.object({ id: idFilter.optional(), q: z.string().max(200).optional() })
export const groupSortFields = ['name', 'memberCount', 'createdAt'] as const
