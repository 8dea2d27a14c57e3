// The Stripe API pipeline: faults, auth, routing, idempotency, validation, the handler, expansion, logging.
import type { IncomingMessage, ServerResponse } from "http"
import { describeFault, type FaultRegistry, sleep } from "../control/faults"
import { preciseNow, type RequestLog } from "../control/request-log"
import { parseForm, type FormObject } from "../http/form"
import { compilePattern, matchPattern, type CompiledPattern } from "../http/route-pattern"
import { sendJson } from "../http/respond"
import type { SandboxRequest } from "../types"
import { apiKeyFrom, authenticate } from "./auth"
import { defaultErrorForStatus, StripeApiError, unrecognizedUrl, type StripeErrorBody } from "./errors"
import { expand, toJson } from "./expand"
import { beginIdempotent, finishIdempotent, type IdempotencyOutcome } from "./idempotency"
import { newId } from "./ids"
import { Params } from "./params"
import { RawResponse, type StripeRoute } from "./route"
import { Scope, type SandboxCore } from "./scope"
import { PLATFORM_ACCOUNT_ID } from "./state"
import { coerceParams, operationSchema } from "./validation"

interface CompiledRoute extends StripeRoute {
  pattern: CompiledPattern
}

interface Outcome {
  status: number
  body: unknown
  /** The endpoint began executing (so an idempotency record is kept). */
  executed: boolean
}

const header = (req: IncomingMessage, name: string): string | null => {
  const v = req.headers[name]
  return typeof v === "string" ? v : null
}

export class StripeApi {
  private readonly routes: CompiledRoute[]

  constructor(
    private readonly core: SandboxCore,
    private readonly log: RequestLog,
    private readonly faults: FaultRegistry,
    routes: StripeRoute[],
    private readonly quiet: boolean
  ) {
    this.routes = routes.map((r) => ({ ...r, pattern: compilePattern(r.template) }))
  }

  /** Whether a path is the Stripe API's (the rest of the server serves pages and the control API). */
  static owns(pathname: string): boolean {
    return pathname.startsWith("/v1/") || pathname.startsWith("/v2/") || pathname === "/oauth/token" || pathname === "/oauth/deauthorize"
  }

  private match(method: string, pathname: string): { route: CompiledRoute; path: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue
      const path = matchPattern(route.pattern, pathname)
      if (path) return { route, path }
    }
    return undefined
  }

  /** `receivedAt`: when the server got the request, before reading its body (defaults to now). */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    query: string,
    body: string,
    receivedAt: number = preciseNow()
  ): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase()
    const requestId = newId.request()
    const idempotencyKey = method === "POST" ? header(req, "idempotency-key") : null
    const form: FormObject = parseForm(method === "POST" ? body : query)
    const matched = this.match(method, pathname)
    const entry: SandboxRequest = this.log.add({
      id: requestId,
      method,
      path: pathname,
      operation: matched ? `${method} ${matched.route.template}` : null,
      account: header(req, "stripe-account"),
      idempotencyKey,
      status: 0,
      params: form,
      replayed: false,
      fault: null,
      at: Date.now(),
      receivedAt,
      answeredAt: null,
    })
    const headers: Record<string, string> = {
      "Request-Id": requestId,
      "Stripe-Version": header(req, "stripe-version") ?? this.core.apiVersion,
    }
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey

    const fault = this.faults.take(method, pathname, entry.account)
    if (fault) {
      entry.fault = describeFault(fault)
      if (fault.dropConnection) {
        if (fault.latencyMs) await sleep(fault.latencyMs)
        req.socket.destroy()
        entry.answeredAt = preciseNow()
        return
      }
      if (fault.status) {
        if (fault.latencyMs) await sleep(fault.latencyMs)
        entry.status = fault.status
        const error = { ...defaultErrorForStatus(fault.status), ...(fault.error ?? {}) }
        sendJson(res, fault.status, { error }, headers)
        entry.answeredAt = preciseNow()
        return
      }
    }

    const outcome = await this.process(req, matched, method, pathname, form, requestId, idempotencyKey, entry, fault?.latencyMs ?? 0)
    entry.status = outcome.status
    if (fault?.timeoutAfterProcessing) {
      req.socket.destroy()
      entry.answeredAt = preciseNow()
      return
    }
    if (entry.replayed) headers["Idempotent-Replayed"] = "true"
    sendJson(res, outcome.status, outcome.body, headers)
    entry.answeredAt = preciseNow()
  }

  /** `latencyMs`: a slow endpoint, so the idempotency key is held "in progress" meanwhile (409 for a concurrent repeat). */
  private async process(
    req: IncomingMessage,
    matched: { route: CompiledRoute; path: Record<string, string> } | undefined,
    method: string,
    pathname: string,
    form: FormObject,
    requestId: string,
    idempotencyKey: string | null,
    entry: SandboxRequest,
    latencyMs: number
  ): Promise<Outcome> {
    let idempotency: { outcome: IdempotencyOutcome; scope: Scope } | undefined
    try {
      if (!matched) throw unrecognizedUrl(method, pathname)
      const { route, path } = matched
      const selfAuthenticating = pathname.startsWith("/oauth/")
      const caller = selfAuthenticating
        ? { accountId: PLATFORM_ACCOUNT_ID, key: apiKeyFrom(req.headers) ?? "", publishable: false }
        : authenticate(this.core.state, req.headers, route.publishable === true)
      if (caller.accountId !== PLATFORM_ACCOUNT_ID) entry.account = caller.accountId
      const scope = new Scope(this.core, caller.accountId, { id: requestId, idempotency_key: idempotencyKey })

      if (idempotencyKey) {
        const outcome = beginIdempotent(scope.data, idempotencyKey, method, pathname, form)
        if (outcome.kind === "replay") {
          entry.replayed = true
          return { status: outcome.record.status, body: outcome.record.body, executed: true }
        }
        idempotency = { outcome, scope }
      }
      if (latencyMs) await sleep(latencyMs)

      const apiVersion = header(req, "stripe-version") ?? this.core.apiVersion
      const result = this.execute(route, scope, form, path, method, pathname, caller.key, apiVersion)
      if (idempotency)
        finishIdempotent(scope.data, idempotencyKey ?? "", idempotency.outcome.record, result.status, result.body, result.executed)
      return result
    } catch (error) {
      // Errors before the endpoint ran (auth, routing, idempotency conflicts) are not recorded against the key.
      if (idempotency) finishIdempotent(idempotency.scope.data, idempotencyKey ?? "", idempotency.outcome.record, 0, null, false)
      return this.errorOutcome(error, false)
    }
  }

  private execute(
    route: CompiledRoute,
    scope: Scope,
    form: FormObject,
    path: Record<string, string>,
    method: string,
    url: string,
    apiKey: string,
    apiVersion: string
  ): Outcome {
    let params: Params
    try {
      params = new Params(coerceParams(form, operationSchema(method, route.template, apiVersion)))
    } catch (error) {
      return this.errorOutcome(error, false)
    }
    try {
      const result = route.handler({ scope, params, path, method, url, apiKey })
      if (result instanceof RawResponse) return { status: result.status, body: result.body, executed: true }
      const expandPaths = params.strings("expand")
      return { status: 200, body: expand(scope, toJson(result), expandPaths), executed: true }
    } catch (error) {
      // A refusal before anything changed (bad amount, wrong state, unknown id) is validation: not saved for the key.
      const refusedUpfront = error instanceof StripeApiError && error.status < 500 && error.status !== 402 && scope.emitted === 0
      return this.errorOutcome(error, !refusedUpfront)
    }
  }

  private errorOutcome(error: unknown, executed: boolean): Outcome {
    if (error instanceof StripeApiError) return { status: error.status, body: { error: error.body }, executed }
    if (error instanceof RawResponse) return { status: error.status, body: error.body, executed }
    if (!this.quiet) console.error("[stripe sandbox] handler crashed:", error)
    const body: StripeErrorBody = {
      type: "api_error",
      message: `An unknown error occurred (sandbox: ${error instanceof Error ? error.message : String(error)})`,
    }
    return { status: 500, body: { error: body }, executed }
  }
}
