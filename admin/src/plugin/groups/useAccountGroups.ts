import { useCallback, useMemo } from 'react'
import { useDataProvider, useGetList } from 'react-admin'
import type { Group } from '../types'

// Accounts have a handful of groups; one page (the API's largest, 500) holds them all.
const ALL = { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' as const } }

/** Every group of the account, the default group first. */
export function useAccountGroups() {
  const dataProvider = useDataProvider()
  const { data, isPending, isFetching, error, refetch } = useGetList<Group>('groups', ALL)
  const groups = useMemo(
    () => [...(data ?? [])].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name)),
    [data],
  )
  /** Asks the API for the groups again (a chosen one may be gone), and updates the lists showing them. */
  const fetchAgain = useCallback(async () => {
    // refetch() answers react-query's raw result, not the list its typing promises: the list comes
    // from a call of its own.
    const [{ data: fresh }] = await Promise.all([dataProvider.getList<Group>('groups', ALL), refetch()])
    return fresh
  }, [dataProvider, refetch])
  return { groups, isPending, isFetching, error, fetchAgain }
}
