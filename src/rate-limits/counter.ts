import type Redis from "ioredis"

/** A fixed-window counter: how many hits a key had in the current window, this one included. */
export interface HitCounter {
  hit(key: string, windowSeconds: number): Promise<{ count: number; resetsInSeconds: number }>
}

/** One process's counts: right for a single server process, and the fallback without Redis. */
export function memoryCounter(now: () => number = Date.now): HitCounter {
  const windows = new Map<string, { count: number; endsAt: number }>()
  return {
    async hit(key, windowSeconds) {
      const at = now()
      // Expired windows go on the way, so the map holds only the current minute's keys.
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.endsAt <= at) windows.delete(k)
      let window = windows.get(key)
      if (!window || window.endsAt <= at) {
        window = { count: 0, endsAt: at + windowSeconds * 1000 }
        windows.set(key, window)
      }
      window.count += 1
      return { count: window.count, resetsInSeconds: Math.max(1, Math.ceil((window.endsAt - at) / 1000)) }
    },
  }
}

/** The part of an ioredis client the counter uses. */
export type RedisLike = Pick<Redis, "multi">

/** Counts shared by every process on the Redis server (INCR, then the window's expiry set once). */
export function redisCounter(redis: RedisLike, prefix: string): HitCounter {
  return {
    async hit(key, windowSeconds) {
      const results = await redis
        .multi()
        .incr(`${prefix}${key}`)
        .expire(`${prefix}${key}`, windowSeconds, "NX")
        .ttl(`${prefix}${key}`)
        .exec()
      const failed = results?.find(([error]: [Error | null, unknown]) => error)
      if (!results || failed) throw failed?.[0] ?? new Error("Redis did not run the rate-limit count")
      const count = Number(results[0][1])
      const ttl = Number(results[2][1])
      return { count, resetsInSeconds: ttl > 0 ? ttl : windowSeconds }
    },
  }
}
