// The control API under /_sandbox (JSON in and out), for tests, scripts and the demo. Stripe never uses this prefix.
//
//   GET    /_sandbox/health                    { ok, url, apiVersion }
//   POST   /_sandbox/reset                     drop all state
//   GET    /_sandbox/requests?method=&path=&operation=&account=&since=   Stripe API requests received;  DELETE clears them
//   POST   /_sandbox/requests/mark             { mark }: pass it as ?since= to see only later requests
//   GET    /_sandbox/requests/counts?since=&method=&path=&operation=&account=   { since, total, byOperation }
//   GET    /_sandbox/faults                    active faults;  POST adds one (FaultRule JSON) → { id };  DELETE clears
//   DELETE /_sandbox/faults/:id                remove one fault
//   POST   /_sandbox/webhook-faults            { mode: "duplicate" | "reorder", times }
//   GET    /_sandbox/webhooks                  delivery attempts;  POST /_sandbox/webhook-url { url | null }
//   GET    /_sandbox/events                    every event of every account, newest first
//   POST   /_sandbox/events                    { type, account?, object, previous_attributes? } → the event, signed and delivered
//   GET    /_sandbox/emails                    emails received on the Resend API;  DELETE clears them
//   POST   /_sandbox/accounts                  { name?, email? } → a connected account with its access token
//   POST   /_sandbox/payment_intents/:id/settle  { outcome?: "succeeded" | "failed" } → the PaymentIntent: the bank's answer
//                                              to a processing bank debit now (without outcome the test account decides)
//   POST   /_sandbox/refunds/:id/settle        { status: succeeded | failed | canceled, account? }: a refund's final state now
//   POST   /_sandbox/disputes                  { charge | payment_intent, reason?, inquiry?, amount?, account? } → a dispute
//   POST   /_sandbox/disputes/:id/status       { status, account? }: the card network moves the dispute (won, lost, ...)
import { sendJson } from "../http/respond"
import type { PageRequest, SandboxServices } from "../services"
import type { FaultRule, RequestFilter, WebhookFaultRule } from "../types"
import { eventInputFrom, sendEvent } from "./send-event"
import { settleOutcomeFrom, settlePayment } from "./settle-payment"
import { handleMoneyOutControl } from "./money-out"

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value)

function jsonBody(request: PageRequest): Record<string, unknown> {
  if (!request.body.trim()) return {}
  const contentType = request.req.headers["content-type"] ?? ""
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(request.form)
  const parsed: unknown = JSON.parse(request.body)
  if (!isRecord(parsed)) throw new Error("The body must be a JSON object")
  return parsed
}

function faultFrom(body: Record<string, unknown>): FaultRule {
  const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : undefined)
  const num = (k: string) =>
    typeof body[k] === "number" ? (body[k] as number) : typeof body[k] === "string" && body[k] !== "" ? Number(body[k]) : undefined
  const bool = (k: string) => body[k] === true || body[k] === "true"
  const path = str("path")
  if (!path) throw new Error("A fault needs a path")
  const times = body.times === "always" ? "always" : num("times")
  return {
    method: str("method"),
    path,
    account: str("account"),
    times,
    status: num("status"),
    error: isRecord(body.error) ? body.error : undefined,
    latencyMs: num("latencyMs"),
    dropConnection: bool("dropConnection"),
    timeoutAfterProcessing: bool("timeoutAfterProcessing"),
  }
}

/** The request-log filter in a query string; a bad `since` is an error rather than "everything". */
function requestFilterFrom(query: URLSearchParams): RequestFilter {
  const text = (name: string) => query.get(name) || undefined
  const since = text("since")
  if (since !== undefined && !/^\d+$/.test(since)) throw new Error("since must be a mark from POST /_sandbox/requests/mark")
  return {
    since: since === undefined ? undefined : Number(since),
    method: text("method"),
    path: text("path"),
    operation: text("operation"),
    account: text("account"),
  }
}

export function handleControlApi(services: SandboxServices, request: PageRequest): boolean {
  const { pathname, method, res } = request
  if (!pathname.startsWith("/_sandbox/")) return false
  const route = `${method} ${pathname.replace(/\/$/, "")}`
  try {
    switch (route) {
      case "GET /_sandbox/health":
        sendJson(res, 200, { ok: true, url: services.core.publicUrl(), apiVersion: services.core.apiVersion })
        return true
      case "POST /_sandbox/reset":
        services.reset()
        sendJson(res, 200, { ok: true })
        return true
      case "GET /_sandbox/requests": {
        const id = request.query.get("id")
        const data = services.requests.all(requestFilterFrom(request.query)).filter((r) => !id || r.id === id)
        sendJson(res, 200, { object: "list", data })
        return true
      }
      case "POST /_sandbox/requests/mark":
        sendJson(res, 200, { mark: services.requests.mark() })
        return true
      case "GET /_sandbox/requests/counts":
        sendJson(res, 200, services.requests.counts(requestFilterFrom(request.query)))
        return true
      case "DELETE /_sandbox/requests":
        services.requests.clear()
        sendJson(res, 200, { ok: true })
        return true
      case "GET /_sandbox/faults":
        sendJson(res, 200, { object: "list", data: services.faults.list() })
        return true
      case "POST /_sandbox/faults":
        sendJson(res, 200, { id: services.faults.add(faultFrom(jsonBody(request))) })
        return true
      case "DELETE /_sandbox/faults":
        services.faults.clear()
        sendJson(res, 200, { ok: true })
        return true
      case "POST /_sandbox/webhook-faults": {
        const body = jsonBody(request)
        const mode = body.mode
        if (mode !== "duplicate" && mode !== "reorder") throw new Error('mode must be "duplicate" or "reorder"')
        const rule: WebhookFaultRule = {
          mode,
          times: typeof body.times === "number" ? body.times : body.times ? Number(body.times) : undefined,
        }
        services.webhooks.addFault(rule)
        sendJson(res, 200, { ok: true })
        return true
      }
      case "GET /_sandbox/webhooks":
        sendJson(res, 200, { object: "list", defaultUrl: services.webhooks.currentDefaultUrl, data: services.webhooks.deliveries() })
        return true
      case "POST /_sandbox/webhook-url": {
        const url = jsonBody(request).url
        services.webhooks.setDefaultUrl(typeof url === "string" && url ? url : null)
        sendJson(res, 200, { ok: true, url: services.webhooks.currentDefaultUrl })
        return true
      }
      case "GET /_sandbox/events": {
        const data = services.core.state
          .allAccountData()
          .flatMap((d) => d.events.newestFirst())
          .sort((a, b) => b.created - a.created)
        sendJson(res, 200, { object: "list", data })
        return true
      }
      case "POST /_sandbox/events":
        sendJson(res, 200, sendEvent(services.core, eventInputFrom(jsonBody(request))))
        return true
      case "GET /_sandbox/emails":
        sendJson(res, 200, { object: "list", data: services.emails.all() })
        return true
      case "DELETE /_sandbox/emails":
        services.emails.clear()
        sendJson(res, 200, { ok: true })
        return true
      case "POST /_sandbox/accounts": {
        const body = jsonBody(request)
        const connected = services.core.state.connectAccount(
          typeof body.name === "string" ? body.name : "Sandbox Connected Store",
          typeof body.email === "string" ? body.email : null,
          null
        )
        sendJson(res, 200, { account: connected.account, access_token: connected.accessToken, stripe_user_id: connected.account.id })
        return true
      }
    }
    const settle = /^POST \/_sandbox\/payment_intents\/(pi_[A-Za-z0-9_]+)\/settle$/.exec(route)
    if (settle) {
      sendJson(res, 200, settlePayment(services, settle[1], settleOutcomeFrom(jsonBody(request))))
      return true
    }
    if (handleMoneyOutControl(services, route, jsonBody(request), res)) return true
    const fault = /^DELETE \/_sandbox\/faults\/([\w]+)$/.exec(route)
    if (fault) {
      const removed = services.faults.remove(fault[1])
      sendJson(res, removed ? 200 : 404, { ok: removed })
      return true
    }
  } catch (error) {
    sendJson(res, 400, { error: { message: error instanceof Error ? error.message : String(error) } })
    return true
  }
  return false
}
