import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors.js'

/** The query of ra-data-simple-rest's getList: sort=["field","ASC"], range=[0,24], filter={...}. */
export interface ListQuery<Field extends string, Filter> {
  sort: { field: Field; order: 'ASC' | 'DESC' }
  offset: number
  limit: number
  filter: Filter
}

export const MAX_PAGE_SIZE = 500

function parseJson(c: Context, name: string): unknown {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  try {
    return JSON.parse(raw)
  } catch {
    throw new ApiError('bad_request', `The "${name}" query parameter is not valid JSON.`, { [name]: 'Not valid JSON.' })
  }
}

export function parseListQuery<Field extends string, F extends z.ZodType>(
  c: Context,
  options: { sortFields: readonly Field[]; defaultSort: { field: Field; order: 'ASC' | 'DESC' }; filter: F },
): ListQuery<Field, z.infer<F>> {
  const sort = parseJson(c, 'sort')
  const range = parseJson(c, 'range')
  const filter = parseJson(c, 'filter') ?? {}

  let field = options.defaultSort.field
  let order = options.defaultSort.order
  if (sort !== undefined) {
    const parsed = z.tuple([z.string(), z.string().regex(/^(asc|desc)$/i)]).safeParse(sort)
    if (!parsed.success) throw new ApiError('bad_request', 'sort must be ["field","ASC"|"DESC"].', { sort: 'Invalid sort.' })
    const [f, o] = parsed.data
    if (!(options.sortFields as readonly string[]).includes(f)) {
      throw new ApiError('bad_request', `Cannot sort by "${f}". Sortable: ${options.sortFields.join(', ')}.`, { sort: 'Invalid field.' })
    }
    field = f as Field
    order = o.toUpperCase() === 'DESC' ? 'DESC' : 'ASC'
  }

  let offset = 0
  let limit = 25
  if (range !== undefined) {
    const parsed = z.tuple([z.number().int().min(0), z.number().int().min(0)]).safeParse(range)
    if (!parsed.success || parsed.data[1] < parsed.data[0]) {
      throw new ApiError('bad_request', 'range must be [start, end] with 0 <= start <= end.', { range: 'Invalid range.' })
    }
    offset = parsed.data[0]
    limit = Math.min(parsed.data[1] - parsed.data[0] + 1, MAX_PAGE_SIZE)
  }

  const parsedFilter = options.filter.safeParse(filter)
  if (!parsedFilter.success) {
    const issue = parsedFilter.error.issues[0]
    throw new ApiError('bad_request', `Invalid filter${issue?.path.length ? ` "${issue.path.join('.')}"` : ''}: ${issue?.message}`, {
      filter: issue?.message ?? 'Invalid filter.',
    })
  }
  return { sort: { field, order }, offset, limit, filter: parsedFilter.data }
}

/** Sends a page with the Content-Range header react-admin reads the total from. */
export function sendList<T>(c: Context, resource: string, rows: T[], offset: number, total: number) {
  const end = rows.length ? offset + rows.length - 1 : offset
  c.header('Content-Range', `${resource} ${offset}-${end}/${total}`)
  c.header('Access-Control-Expose-Headers', 'Content-Range')
  return c.json(rows)
}

/** filter={"id":[...]} (getMany) or {"id":"..."}: always an array. */
export const idFilter = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]))
