// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const wellFormed = (text: string) => !LONE_SURROGATE.test(text)

/**
 * Where a parsed JSON value holds a string that is not well-formed Unicode (a lone surrogate such
 * as "\ud800", which JSON allows and UTF-8 cannot hold): its path, or null. Stored, it would come
 * back as U+FFFD, so it is refused rather than changed.
 */
export function illFormedStringAt(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return wellFormed(value) ? null : path
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedStringAt(value[i], [...path, i])
      if (found) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = wellFormed(key) ? illFormedStringAt(item, [...path, key]) : [...path, key]
      if (found) return found
    }
  }
  return null
}
