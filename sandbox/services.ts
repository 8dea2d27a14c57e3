// The parts of a running sandbox that pages and the control API reach for.
import type { FaultRegistry } from "./control/faults"
import type { RequestLog } from "./control/request-log"
import type { EmailStore } from "./resend/email-store"
import type { Scope, SandboxCore } from "./stripe/scope"
import type { WebhookDispatcher } from "./webhooks/delivery"
import type { IncomingMessage, ServerResponse } from "http"

export interface SandboxServices {
  core: SandboxCore
  requests: RequestLog
  faults: FaultRegistry
  webhooks: WebhookDispatcher
  emails: EmailStore
  /** A scope acting in an account without an API request (hosted pages, expiry). */
  scopeFor(accountId: string): Scope
  reset(): void
}

/** One request to a page or the control API, body already read. */
export interface PageRequest {
  req: IncomingMessage
  res: ServerResponse
  method: string
  pathname: string
  query: URLSearchParams
  /** Form fields of a urlencoded POST body. */
  form: URLSearchParams
  /** The raw body (the control API takes JSON). */
  body: string
}
