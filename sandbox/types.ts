// The sandbox's public types: what tests, scripts and the demo see.
import type Stripe from "stripe"
import type { SandboxEvent } from "./stripe/event-types"

export type { SandboxEvent }

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Interface to listen on; default 127.0.0.1. */
  host?: string
  /** Default endpoint every event is delivered to (platform and connected accounts). */
  webhookUrl?: string
  /** Secret the default endpoint's signatures use; default `whsec_sandbox_default_secret`. */
  webhookSecret?: string
  /** Base URL put in hosted page links (session.url, 3-D Secure pages) when the sandbox sits behind a proxy. */
  publicUrl?: string
  /** Delays between webhook attempts after a non-2xx answer; default [1000, 2000, 4000, 8000, 16000] ms. */
  webhookRetryDelaysMs?: number[]
  /** How long a refund of pm_card_pendingRefund stays pending, or of pm_card_refundFail succeeded before it fails (default 20 s). */
  refundSettleDelayMs?: number
  /** No console output (the CLI logs; the library never does unless quiet is false). */
  quiet?: boolean
}

/** One Stripe API call the sandbox received (including /oauth), in arrival order. */
export interface SandboxRequest {
  id: string
  /** Arrival number, from 1, never reused (compare it with a mark from markRequests()). */
  seq: number
  method: string
  /** Path without the query string, e.g. /v1/payment_intents/pi_123/capture. */
  path: string
  /** Method and route template, e.g. "POST /v1/payment_intents/{intent}/capture"; null for unknown routes. */
  operation: string | null
  /** The Stripe-Account header (or the connected account an OAuth access token belongs to). */
  account: string | null
  idempotencyKey: string | null
  status: number
  /** The decoded form body (POST) or query (GET): nested objects of strings, arrays keyed "0", "1"... */
  params: Record<string, unknown>
  /** true when the response was replayed from an earlier request with the same Idempotency-Key. */
  replayed: boolean
  /** The injected fault that shaped this response, if any. */
  fault: string | null
  /** Epoch milliseconds when the request arrived. */
  at: number
  /** When the request arrived (before its body was read), epoch milliseconds with sub-millisecond precision. */
  receivedAt: number
  /** When the answer was written (or the connection cut by a fault), same clock as receivedAt; null until then. */
  answeredAt: number | null
}

/** Which logged requests to read or count; every given field must match. */
export interface RequestFilter {
  /** Only requests at or after this mark (from markRequests()). */
  since?: number
  method?: string
  /** Exact path, e.g. /v1/payment_intents/pi_123. */
  path?: string
  /** Method and route template, e.g. "GET /v1/payment_intents/search". */
  operation?: string
  /** The connected account (Stripe-Account); null for the platform's own requests. */
  account?: string | null
}

/** Requests counted by operation (unknown routes by "METHOD /path"). */
export interface RequestCounts {
  since: number | null
  total: number
  byOperation: Record<string, number>
}

/** An event the sandbox signs and delivers as if it happened in Stripe, for any account. */
export interface SandboxEventInput {
  /** e.g. "payment_intent.succeeded". */
  type: string
  /** The connected account it happened in (acct_...), known to the sandbox or not; the platform when omitted. */
  account?: string | null
  /** `data.object`: any Stripe object, with at least `object` (and usually `id`). */
  object: { object: string; id?: string; [field: string]: unknown }
  previous_attributes?: Record<string, unknown>
}

/** One email received on the Resend API. */
export interface SandboxEmail {
  id: string
  from: string
  to: string[]
  cc: string[]
  bcc: string[]
  reply_to: string[]
  subject: string
  html: string | null
  text: string | null
  tags: { name: string; value: string }[]
  headers: Record<string, string>
  /** Resend's `attachments`: file name, base64 content, content type (as given, else from the name). */
  attachments: SandboxAttachment[]
  idempotencyKey: string | null
  created_at: string
}

export interface SandboxAttachment {
  filename: string
  /** Base64, as Resend takes it. */
  content: string
  content_type: string
}

/** A fault injected for matching Stripe or Resend API requests. */
export interface FaultRule {
  /** HTTP method to match; any when omitted. */
  method?: string
  /** Path to match: exact, or with `*` for one segment and `**` for the rest, e.g. `/v1/payment_intents/*\/capture`. */
  path: string
  /** Only requests made for this connected account (Stripe-Account); any when omitted. */
  account?: string
  /** How many matching requests it applies to; default 1; "always" never runs out. */
  times?: number | "always"
  /** Answer with this status before processing (with `error`, or Stripe's default body for the status). */
  status?: number
  /** Body of the error for `status`: Stripe's `error` object (or Resend's error for /emails). */
  error?: Record<string, unknown>
  /** Wait this long before handling the request. */
  latencyMs?: number
  /** Destroy the connection without processing or answering. */
  dropConnection?: boolean
  /** Process the request (state changes, events, idempotency record) then destroy the connection. */
  timeoutAfterProcessing?: boolean
}

export interface ActiveFault extends FaultRule {
  id: string
  remaining: number | "always"
}

/** Webhook delivery disorder for the next events. */
export interface WebhookFaultRule {
  /** duplicate: each event is delivered twice; reorder: events are held and delivered newest first. */
  mode: "duplicate" | "reorder"
  /** How many events it applies to; default 1 for duplicate, 2 for reorder. */
  times?: number
}

/** One attempt to deliver one event to one endpoint. */
export interface WebhookDelivery {
  eventId: string
  type: string
  account: string | null
  url: string
  attempt: number
  /** HTTP status the endpoint answered, or null when the connection failed. */
  status: number | null
  error: string | null
  at: number
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:54321 */
  url: string
  port: number
  /** Pass to `new Stripe(key, { ...sandbox.stripe })`. */
  stripe: { host: string; port: number; protocol: "http" }
  /** The sandbox's Stripe.js (`<url>/v3/`): load it instead of https://js.stripe.com/v3/, with any pk_test_ key. */
  stripeJsUrl: string
  /** Pass to `new Resend(key, { baseUrl })` or set RESEND_BASE_URL. */
  resendBaseUrl: string
  webhookSecret: string
  /** The default endpoint events are delivered to; null stops default delivery. */
  setWebhookUrl(url: string | null): void
  /** Stripe API requests received since start or the last clearRequests(), those passing `filter`. */
  requests(filter?: RequestFilter): SandboxRequest[]
  /** A mark to pass as `since`: "the requests from now on". Survives clearRequests(). */
  markRequests(): number
  /** Requests per operation, e.g. `requestCounts({ since: mark }).byOperation["GET /v1/payment_intents/search"]`. */
  requestCounts(filter?: RequestFilter): RequestCounts
  clearRequests(): void
  /** Records an event in `account` and delivers it signed to the webhook URLs that want it (nothing else changes). */
  sendEvent(input: SandboxEventInput): SandboxEvent
  /** The bank's answer to a processing bank debit (SEPA, ACH) now; without `outcome` its test account decides. */
  settlePayment(paymentIntentId: string, outcome?: "succeeded" | "failed"): Stripe.PaymentIntent
  /** Every email received on the Resend API. */
  emails(): SandboxEmail[]
  /** Inject a fault; returns its id. */
  addFault(rule: FaultRule): string
  clearFaults(): void
  addWebhookFault(rule: WebhookFaultRule): void
  /** Every webhook delivery attempt so far. */
  webhookDeliveries(): WebhookDelivery[]
  /** Resolves once no webhook delivery is queued or in flight (scheduled retries are not waited for). */
  webhooksSettled(): Promise<void>
  /** Drop all state: objects, events, requests, emails, faults, connected accounts. */
  reset(): void
  close(): Promise<void>
}
