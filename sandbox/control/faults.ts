// Faults injected per route: error statuses, latency, dropped connections, "timeout after processing".
import type { ActiveFault, FaultRule } from "../types"
import { randomToken } from "../stripe/ids"

function globToRegex(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("")
  return new RegExp(`^${source}/?$`)
}

export class FaultRegistry {
  private faults: (ActiveFault & { regex: RegExp })[] = []

  add(rule: FaultRule): string {
    if (!rule.path) throw new Error("A fault needs a path")
    const id = `fault_${randomToken(10)}`
    const remaining = rule.times === undefined ? 1 : rule.times
    this.faults.push({ ...rule, id, remaining, regex: globToRegex(rule.path) })
    return id
  }

  remove(id: string): boolean {
    const before = this.faults.length
    this.faults = this.faults.filter((f) => f.id !== id)
    return this.faults.length !== before
  }

  clear(): void {
    this.faults = []
  }

  list(): ActiveFault[] {
    return this.faults.map(({ regex: _regex, ...fault }) => fault)
  }

  /** The first fault matching this request, consumed by one use. */
  take(method: string, path: string, account: string | null): ActiveFault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.account || f.account === account) &&
        f.regex.test(path) &&
        (f.remaining === "always" || f.remaining > 0)
    )
    if (index < 0) return undefined
    const fault = this.faults[index]
    if (fault.remaining !== "always") {
      fault.remaining -= 1
      if (fault.remaining <= 0) this.faults.splice(index, 1)
    }
    const { regex: _regex, ...active } = fault
    return active
  }
}

/** A short label for the request log. */
export function describeFault(fault: FaultRule): string {
  const parts: string[] = []
  if (fault.latencyMs) parts.push(`latency ${fault.latencyMs}ms`)
  if (fault.dropConnection) parts.push("dropped connection")
  if (fault.timeoutAfterProcessing) parts.push("timeout after processing")
  if (fault.status) parts.push(`status ${fault.status}`)
  return parts.join(", ") || "no-op"
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
