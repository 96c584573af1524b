import { useCallback } from 'react'
import { useTranslate } from 'react-admin'
import { useAccountGroups } from './useAccountGroups'

export interface DeletedGroupsCheck {
  /** The chosen ids whose group no longer exists: to drop from the choice. */
  deleted: string[]
  /** What to tell the administrator on the Groups step. */
  message: string
}

/**
 * For the Add user and Edit user wizards, after the API refused the chosen groups (400 "Choose
 * groups of this account.", 409 "A group you chose was deleted meanwhile"): fetches the groups again
 * and says which chosen ones are gone. The checklist no longer shows a deleted group, so left in the
 * choice it could not be unticked, would fail every save and would pass "at least one group" unseen.
 */
export function useDeletedGroupsCheck() {
  const translate = useTranslate()
  const { fetchAgain } = useAccountGroups()
  return useCallback(
    async (chosen: string[], refusal: string): Promise<DeletedGroupsCheck> => {
      let existing: Set<string>
      try {
        existing = new Set((await fetchAgain()).map((group) => group.id))
      } catch {
        return { deleted: [], message: refusal }
      }
      const deleted = chosen.filter((id) => !existing.has(id))
      return { deleted, message: deleted.length > 0 ? translate('roster.users.validation.group_deleted') : refusal }
    },
    [fetchAgain, translate],
  )
}
