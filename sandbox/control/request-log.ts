// The log of Stripe API requests, so tests can count calls per operation.
import type { SandboxRequest } from "../types"

/** Oldest entries are dropped past this many, so a long demo or benchmark does not grow without bound. */
const MAX_ENTRIES = 50_000

export class RequestLog {
  private entries: SandboxRequest[] = []

  add(entry: SandboxRequest): SandboxRequest {
    this.entries.push(entry)
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES)
    return entry
  }

  all(): SandboxRequest[] {
    return this.entries.map((e) => ({ ...e }))
  }

  clear(): void {
    this.entries = []
  }
}
