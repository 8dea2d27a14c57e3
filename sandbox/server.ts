// The HTTP server: Stripe API, Resend API, hosted pages, control API; one process, state in memory.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "http"
import type { AddressInfo } from "net"
import { handleControlApi } from "./control/control-api"
import { FaultRegistry } from "./control/faults"
import { preciseNow, RequestLog } from "./control/request-log"
import { readBody } from "./http/body"
import { sendJson } from "./http/respond"
import { handleAuthenticationPage } from "./pages/authenticate-page"
import { handleCheckoutPage } from "./pages/checkout-page"
import { handleConsentPage } from "./pages/consent-page"
import { handleDashboard } from "./pages/dashboard"
import { handleInbox } from "./pages/inbox"
import { handleReceiptPage } from "./pages/receipt-page"
import { EmailStore } from "./resend/email-store"
import { ResendApi } from "./resend/emails-api"
import type { PageRequest, SandboxServices } from "./services"
import { StripeApi } from "./stripe/api"
import { handleStripeJs } from "./stripe-js/stripe-js"
import { unrecognizedUrl } from "./stripe/errors"
import { sweepExpiredSessions } from "./stripe/resources/checkout-sessions"
import { stripeRoutes } from "./stripe/routes"
import { Scope, type SandboxCore } from "./stripe/scope"
import { SandboxState } from "./stripe/state"
import { loadSpec } from "./stripe/validation"
import type { SandboxOptions } from "./types"
import { WebhookDispatcher } from "./webhooks/delivery"

/** The API version stripe-node 23.1.0 pins; responses and events carry it. */
export const STRIPE_API_VERSION = "2026-10-28.endive"
export const DEFAULT_WEBHOOK_SECRET = "whsec_sandbox_default_secret"

const PAGE_HANDLERS = [
  handleControlApi,
  handleDashboard,
  handleInbox,
  handleCheckoutPage,
  handleAuthenticationPage,
  handleConsentPage,
  handleReceiptPage,
  handleStripeJs,
]

export class SandboxServer implements SandboxServices {
  readonly core: SandboxCore
  readonly requests = new RequestLog()
  readonly faults = new FaultRegistry()
  readonly emails = new EmailStore()
  readonly webhooks: WebhookDispatcher
  private readonly stripeApi: StripeApi
  private readonly resendApi: ResendApi
  private readonly server: Server
  private baseUrl = ""
  private sweepTimer: NodeJS.Timeout | undefined

  constructor(private readonly options: SandboxOptions) {
    loadSpec()
    const state = new SandboxState()
    this.webhooks = new WebhookDispatcher(state, {
      defaultUrl: options.webhookUrl ?? null,
      defaultSecret: options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET,
      retryDelaysMs: options.webhookRetryDelaysMs ?? [1000, 2000, 4000, 8000, 16000],
      quiet: options.quiet !== false,
    })
    this.core = {
      state,
      apiVersion: STRIPE_API_VERSION,
      publicUrl: () => (this.options.publicUrl ?? this.baseUrl).replace(/\/$/, ""),
      onEvent: (event) => this.webhooks.dispatch(event),
      endpointCount: (event) => this.webhooks.targets(event).length,
      refundSettleDelayMs: options.refundSettleDelayMs ?? 20_000,
    }
    this.stripeApi = new StripeApi(this.core, this.requests, this.faults, stripeRoutes, options.quiet !== false)
    this.resendApi = new ResendApi(this.emails, this.faults)
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (options.quiet === false) console.error("[stripe sandbox] request failed:", error)
        if (!res.headersSent) sendJson(res, 500, { error: { type: "api_error", message: "The sandbox failed to handle this request." } })
        else res.destroy()
      })
    })
    // Keep-alive sockets from SDK agents must not hold close() open.
    this.server.keepAliveTimeout = 5000
  }

  scopeFor(accountId: string): Scope {
    return new Scope(this.core, accountId)
  }

  reset(): void {
    this.core.state.reset()
    this.requests.clear()
    this.faults.clear()
    this.emails.clear()
    this.webhooks.reset()
  }

  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject)
      this.server.listen(port, host, () => {
        const address = this.server.address() as AddressInfo
        const shownHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host
        this.baseUrl = `http://${shownHost}:${address.port}`
        this.sweepTimer = setInterval(() => this.sweep(), 1000)
        this.sweepTimer.unref()
        resolve(this.baseUrl)
      })
    })
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  async close(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    this.webhooks.close()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  /** Checkout Sessions past expires_at expire (with checkout.session.expired), checked each second. */
  private sweep(): void {
    sweepExpiredSessions(this.core.state, (accountId) => this.scopeFor(accountId))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = preciseNow()
    const url = new URL(req.url ?? "/", "http://sandbox.local")
    const pathname = url.pathname
    const method = (req.method ?? "GET").toUpperCase()
    const body = method === "GET" || method === "HEAD" ? "" : await readBody(req)
    if (StripeApi.owns(pathname)) return this.stripeApi.handle(req, res, pathname, url.search.slice(1), body, receivedAt)
    if (ResendApi.owns(pathname)) return this.resendApi.handle(req, res, pathname, body)
    const request: PageRequest = { req, res, method, pathname, query: url.searchParams, form: new URLSearchParams(body), body }
    for (const handler of PAGE_HANDLERS) if (handler(this, request)) return
    if (pathname === "/" && method === "GET") {
      res.writeHead(302, { Location: "/_sandbox" })
      res.end()
      return
    }
    sendJson(res, 404, { error: unrecognizedUrl(method, pathname).body })
  }
}
