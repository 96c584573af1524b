import { Pagination, useListContext } from 'react-admin'

/**
 * Pages for a list within another page (a group's members, a user's history), shown only once it
 * holds more than one page: a list cut at its page size would otherwise not say that more exist.
 */
export function PagesWhenLong() {
  const { total, perPage, page } = useListContext()
  if (total === undefined || (page === 1 && total <= perPage)) return null
  return <Pagination rowsPerPageOptions={[]} />
}
