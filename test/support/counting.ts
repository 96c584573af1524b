import type { Database } from './database.js'

/**
 * The real database, with the statements matching `pattern` that go straight to its driver counted
 * (the app's written-out statements: api/db/raw-query.ts; drizzle's own go through its session).
 */
export function countingStatements(target: Database, pattern: RegExp) {
  const counter = { count: 0, /** performance.now() as each was sent */ at: [] as number[] }
  const client = (target as unknown as { $client: object }).$client
  const countedClient = new Proxy(client, {
    get(object, key) {
      const value = Reflect.get(object, key, object)
      if ((key === 'unsafe' || key === 'query') && typeof value === 'function') {
        return (text: string, ...rest: unknown[]) => {
          if (pattern.test(text)) {
            counter.count++
            counter.at.push(performance.now())
          }
          return value.call(object, text, ...rest)
        }
      }
      return typeof value === 'function' ? value.bind(object) : value
    },
  })
  const counted = new Proxy(target, { get: (object, key, receiver) => (key === '$client' ? countedClient : Reflect.get(object, key, receiver)) })
  return { db: counted, counter }
}
