// A high surrogate not followed by a low one, or a low one not preceded by a high one; or NUL,
// which PostgreSQL's text and jsonb cannot hold.
const NOT_STORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/
const wellFormed = (text: string) => !NOT_STORABLE.test(text)

/**
 * Where a parsed JSON value holds a string that is not well-formed Unicode (a lone surrogate such
 * as "\ud800", which JSON allows and UTF-8 cannot hold) or holds NUL: its path, or null. Stored, a
 * lone surrogate would come back as U+FFFD and NUL fails the statement, so both are refused here,
 * naming the field.
 */
export function illFormedStringAt(value: unknown): (string | number)[] | null {
  // An explicit stack, not recursion: a body may nest arrays hundreds of thousands deep.
  type Entry = { value: unknown; key?: string | number; parent?: Entry }
  const pathOf = (entry: Entry) => {
    const path: (string | number)[] = []
    for (let at: Entry | undefined = entry; at?.parent; at = at.parent) path.unshift(at.key!)
    return path
  }
  const stack: Entry[] = [{ value }]
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const current = entry.value
    if (typeof current === 'string') {
      if (!wellFormed(current)) return pathOf(entry)
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: entry })
    } else if (current && typeof current === 'object') {
      for (const [key, item] of Object.entries(current).reverse()) {
        if (!wellFormed(key)) return [...pathOf(entry), key]
        stack.push({ value: item, key, parent: entry })
      }
    }
  }
  return null
}
