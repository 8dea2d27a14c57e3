// The log of Stripe API requests, so tests and benchmarks can count calls per operation since a mark.
import type { RequestCounts, RequestFilter, SandboxRequest } from "../types"

/** Epoch milliseconds with sub-millisecond precision, for timing a request against its caller's clock. */
export const preciseNow = (): number => performance.timeOrigin + performance.now()

/** Oldest entries are dropped past this many, so a long demo or benchmark does not grow without bound. */
const MAX_ENTRIES = 50_000

export class RequestLog {
  private entries: SandboxRequest[] = []
  /** Sequence number of the next entry; never reset, so a mark taken before clear() stays meaningful. */
  private nextSeq = 1

  add(entry: Omit<SandboxRequest, "seq">): SandboxRequest {
    const logged: SandboxRequest = { ...entry, seq: this.nextSeq++ }
    this.entries.push(logged)
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES)
    return logged
  }

  /** A mark: requests logged from now on have a `seq` at or above it. */
  mark(): number {
    return this.nextSeq
  }

  /** Copies of the entries that pass `filter`, in arrival order. */
  all(filter: RequestFilter = {}): SandboxRequest[] {
    return this.entries.filter((e) => passes(e, filter)).map((e) => ({ ...e }))
  }

  /** How many requests each operation ("POST /v1/payment_intents/{intent}/confirm") got, for those passing `filter`. */
  counts(filter: RequestFilter = {}): RequestCounts {
    const byOperation: Record<string, number> = {}
    let total = 0
    for (const e of this.entries) {
      if (!passes(e, filter)) continue
      const key = e.operation ?? `${e.method} ${e.path}`
      byOperation[key] = (byOperation[key] ?? 0) + 1
      total += 1
    }
    return { since: filter.since ?? null, total, byOperation }
  }

  clear(): void {
    this.entries = []
  }
}

function passes(entry: SandboxRequest, filter: RequestFilter): boolean {
  if (filter.since !== undefined && entry.seq < filter.since) return false
  if (filter.method && entry.method !== filter.method.toUpperCase()) return false
  if (filter.path && entry.path !== filter.path) return false
  if (filter.operation && entry.operation !== filter.operation) return false
  if (filter.account !== undefined && entry.account !== filter.account) return false
  return true
}
