import { sql, type SQL } from 'drizzle-orm'
import { invalidValue } from '../errors.js'
import type { AttributeMap } from './attributes.js'
import { attributeKey, own } from './compile.js'
import { jsonKey } from './comparison.js'

/**
 * The expression a list is ordered by for `sortBy` (RFC 7644 §3.4.2.3): a singular attribute's
 * value, or a multi-valued attribute's primary value (else its first). It is the filter's own
 * expression for that attribute, so a list sorts by the values its filter matches and its
 * resources show; strings that compare case-insensitively sort case-insensitively. Anything
 * else is 400 invalidValue. PostgreSQL puts missing values last in ascending order, as §3.4.2.3 asks.
 */
export function sortExpression(attributes: AttributeMap, sortBy: string): SQL {
  const key = attributeKey(sortBy, attributes)
  const attribute = own(attributes, key)
  if (attribute?.kind === 'scalar') {
    return attribute.type === 'string' && !attribute.caseExact ? sql`lower(${attribute.sql})` : attribute.sql
  }
  const multi = attribute ?? (key.endsWith('.value') ? own(attributes, key.slice(0, -'.value'.length)) : undefined)
  if (multi?.kind === 'multi' && multi.subAttributes.value) {
    const value = sql`(sort_el.elem ->> ${jsonKey('value')})`
    return sql`(select ${multi.subAttributes.value.caseExact ? value : sql`lower(${value})`}
      from jsonb_array_elements(case when jsonb_typeof(${multi.elements}) = 'array' then ${multi.elements} else '[]'::jsonb end)
        with ordinality as sort_el(elem, n)
      order by case lower(sort_el.elem ->> 'primary') when 'true' then 0 else 1 end, sort_el.n limit 1)`
  }
  throw invalidValue(`Cannot sort by "${sortBy}": sort by a singular attribute or a multi-valued one's value.`)
}
