// Delivers events to the default URL and to webhook endpoints, signed like Stripe, retried with backoff.
import type { SandboxEvent } from "../stripe/event-types"
import { PLATFORM_ACCOUNT_ID, type SandboxState } from "../stripe/state"
import type { WebhookDelivery, WebhookFaultRule } from "../types"
import { signPayload } from "./signature"

interface Target {
  url: string
  secret: string
}

export interface DispatcherOptions {
  defaultUrl: string | null
  defaultSecret: string
  retryDelaysMs: number[]
  quiet: boolean
}

const ATTEMPT_TIMEOUT_MS = 10_000
const MAX_LOG = 10_000

export class WebhookDispatcher {
  private defaultUrl: string | null
  private readonly log: WebhookDelivery[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly chains = new Map<string, Promise<void>>()
  private busy = 0
  private idleWaiters: (() => void)[] = []
  private duplicateLeft = 0
  private reorderLeft = 0
  private held: SandboxEvent[] = []
  private closed = false

  constructor(
    private readonly state: SandboxState,
    private readonly options: DispatcherOptions
  ) {
    this.defaultUrl = options.defaultUrl
  }

  setDefaultUrl(url: string | null): void {
    this.defaultUrl = url
  }

  get currentDefaultUrl(): string | null {
    return this.defaultUrl
  }

  addFault(rule: WebhookFaultRule): void {
    if (rule.mode === "duplicate") this.duplicateLeft += rule.times ?? 1
    else this.reorderLeft += rule.times ?? 2
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((d) => ({ ...d }))
  }

  /** Where an event goes: the default URL, the platform's endpoints (connect ones for connected accounts), the account's own. */
  targets(event: SandboxEvent): Target[] {
    const targets: Target[] = []
    if (this.defaultUrl) targets.push({ url: this.defaultUrl, secret: this.options.defaultSecret })
    const platform = this.state.data(PLATFORM_ACCOUNT_ID)
    const wants = (enabled: string[]) => enabled.includes("*") || enabled.includes(event.type)
    for (const endpoint of platform.webhookEndpoints.newestFirst().reverse()) {
      const connect = platform.webhookEndpointConnect.get(endpoint.id) === true
      if (endpoint.status !== "enabled" || !wants(endpoint.enabled_events) || connect !== Boolean(event.account)) continue
      targets.push({ url: endpoint.url, secret: endpoint.secret ?? "" })
    }
    if (event.account) {
      for (const endpoint of this.state.data(event.account).webhookEndpoints.newestFirst().reverse()) {
        if (endpoint.status === "enabled" && wants(endpoint.enabled_events))
          targets.push({ url: endpoint.url, secret: endpoint.secret ?? "" })
      }
    }
    return targets
  }

  /** Queues an event; delivery starts after the current API response is written, as Stripe's are asynchronous. */
  dispatch(event: SandboxEvent): void {
    if (this.closed) return
    this.busy += 1
    setImmediate(() => {
      try {
        this.route(event)
      } finally {
        this.done()
      }
    })
  }

  private route(event: SandboxEvent): void {
    if (this.closed) return
    if (this.reorderLeft > 0) {
      this.held.push(event)
      this.reorderLeft -= 1
      if (this.reorderLeft === 0) {
        const batch = this.held.reverse()
        this.held = []
        for (const e of batch) this.enqueue(e)
      }
      return
    }
    this.enqueue(event)
    if (this.duplicateLeft > 0) {
      this.duplicateLeft -= 1
      this.enqueue(event)
    }
  }

  private enqueue(event: SandboxEvent): void {
    for (const target of this.targets(event)) {
      this.busy += 1
      // One chain per URL keeps first attempts in event order; retries run on their own timers.
      const previous = this.chains.get(target.url) ?? Promise.resolve()
      const next = previous.then(() => this.attempt(event, target, 1)).finally(() => this.done())
      this.chains.set(target.url, next)
    }
  }

  private done(): void {
    this.busy -= 1
    if (this.busy === 0) {
      const waiters = this.idleWaiters
      this.idleWaiters = []
      for (const w of waiters) w()
    }
  }

  private async attempt(event: SandboxEvent, target: Target, attempt: number): Promise<void> {
    if (this.closed) return
    const payload = JSON.stringify(event, null, 2)
    const record: WebhookDelivery = {
      eventId: event.id,
      type: event.type,
      account: event.account ?? null,
      url: target.url,
      attempt,
      status: null,
      error: null,
      at: Date.now(),
    }
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Stripe-Signature": signPayload(payload, target.secret),
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Cache-Control": "no-cache",
          Accept: "*/*; q=0.5, application/xml",
        },
        body: payload,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      })
      record.status = response.status
      await response.arrayBuffer().catch(() => undefined)
    } catch (error) {
      const cause: unknown = error instanceof Error && "cause" in error ? error.cause : undefined
      record.error = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error)
    }
    this.log.push(record)
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG)
    const ok = record.status !== null && record.status >= 200 && record.status < 300
    if (ok) {
      event.pending_webhooks = Math.max(0, event.pending_webhooks - 1)
      return
    }
    if (!this.options.quiet)
      console.warn(`[stripe sandbox] webhook ${event.type} to ${target.url} failed (attempt ${attempt}): ${record.status ?? record.error}`)
    const delay = this.options.retryDelaysMs[attempt - 1]
    if (delay === undefined || this.closed) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      this.busy += 1
      void this.attempt(event, target, attempt + 1).finally(() => this.done())
    }, delay)
    timer.unref()
    this.timers.add(timer)
  }

  /** Resolves when nothing is queued or in flight (scheduled retries and held reordered events excepted). */
  settled(): Promise<void> {
    if (this.busy === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  reset(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    this.log.length = 0
    this.held = []
    this.duplicateLeft = 0
    this.reorderLeft = 0
  }

  close(): void {
    this.closed = true
    this.reset()
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const w of waiters) w()
  }
}
