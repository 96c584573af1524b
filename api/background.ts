import type { Logger } from './services.js'

/**
 * Work that runs after a response on Node. Tracked, so that tests and shutdown can wait for it;
 * on Workers the same role is played by `executionCtx.waitUntil`.
 */
export function backgroundTasks(log: Logger) {
  const pending = new Set<Promise<unknown>>()
  return {
    run(work: () => Promise<unknown>) {
      const task: Promise<unknown> = work()
        .catch((error) => log.error('background task failed', { error: String(error) }))
        .finally(() => pending.delete(task))
      pending.add(task)
    },
    async idle() {
      while (pending.size) await Promise.all([...pending])
    },
  }
}
