import { useEffect } from 'react'
import { Pagination, useListContext } from 'react-admin'

/**
 * Pages for a list within another page (a group's members, a user's history), shown only once it
 * holds more than one page: a list cut at its page size would otherwise not say that more exist.
 */
export function PagesWhenLong() {
  const { total, perPage, page, setPage } = useListContext()
  const lastPage = total === undefined ? undefined : Math.max(1, Math.ceil(total / perPage))
  // Rows that left meanwhile (another tab, a provider) can leave the page past the end, which the
  // pager does not draw: back to the last page that has rows.
  useEffect(() => {
    if (lastPage !== undefined && page > lastPage) setPage(lastPage)
  }, [lastPage, page, setPage])
  if (total === undefined || (page === 1 && total <= perPage)) return null
  return <Pagination rowsPerPageOptions={[]} />
}
