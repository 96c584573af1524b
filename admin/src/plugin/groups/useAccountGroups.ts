import { useMemo } from 'react'
import { useGetList } from 'react-admin'
import type { Group } from '../types'

// Accounts have a handful of groups; one page (the API's largest, 500) holds them all.
const ALL = { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' as const } }

/** Every group of the account, the default group first. */
export function useAccountGroups() {
  const { data, isPending, error } = useGetList<Group>('groups', ALL)
  const groups = useMemo(
    () => [...(data ?? [])].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name)),
    [data],
  )
  return { groups, isPending, error }
}
