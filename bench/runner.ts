/** What one phase measured: every operation's latency and the wall time of the whole phase. */
export interface PhaseResult {
  count: number
  seconds: number
  /** Milliseconds, sorted ascending. */
  latencies: Float64Array
}

/** Stops the benchmark: an unexpected answer means we would be measuring errors. */
export class BenchError extends Error {
  override name = 'BenchError'
}

export function check(condition: unknown, message: () => string): asserts condition {
  if (!condition) throw new BenchError(message())
}

/**
 * Runs `count` operations with `concurrency` in flight (closed loop: each worker starts its next
 * operation when the previous one ends). The first failure stops every worker and is rethrown.
 */
export async function runPhase(count: number, concurrency: number, operation: (i: number) => Promise<void>): Promise<PhaseResult> {
  const latencies = new Float64Array(count)
  let next = 0
  let failure: unknown
  const started = performance.now()
  const worker = async () => {
    while (failure === undefined) {
      const i = next++
      if (i >= count) return
      const t0 = performance.now()
      try {
        await operation(i)
      } catch (error) {
        failure ??= error
        return
      }
      latencies[i] = performance.now() - t0
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  if (failure !== undefined) throw failure
  const seconds = (performance.now() - started) / 1000
  latencies.sort()
  return { count, seconds, latencies }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

export const opsPerSecond = (r: PhaseResult) => r.count / r.seconds

/** A deterministic pseudo-random generator, so that two runs pick the same rows. */
export function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
