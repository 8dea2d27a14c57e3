import { createHash, randomBytes } from "crypto"
import type Stripe from "stripe"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { RunningSandbox } from "../../sandbox"
import { postWebhook, signPayload, sleep } from "../reliability/helpers"
import { payOnSandboxCheckout, pressPay } from "./checkout"
import { SANDBOX_WEBHOOK_SECRET } from "./sandbox"
import type { HttpClient } from "./store"

/**
 * What the trust-boundary specs (ledger-trust-boundary, webhook-entry) observe from outside: an
 * order's money as the admin API shows it, Stripe's events about an object re-sent as Stripe would,
 * and row counts of every table a request could grow. Nothing here reads the plugin's internals.
 */

/** Medusa queues a webhook for 5 s before its subscribers run; this is long enough for any of them to act. */
export const WEBHOOK_QUEUE_MS = 8_000

export type OrderPayment = {
  id: string
  amount: number
  /** Sum of its captures. */
  captured: number
  captures: number
  data: Record<string, unknown>
}

export type OrderMoney = {
  payment_status: string
  paid_total: number
  outstanding: number
  collections: number
  payments: OrderPayment[]
}

type AdminOrderAnswer = {
  order: {
    payment_status: string
    summary: { paid_total: number | string; pending_difference: number | string }
    payment_collections?: Array<{
      id: string
      payments?: Array<{
        id: string
        amount: number | string
        data: Record<string, unknown> | null
        captures?: Array<{ amount: number | string }>
      }>
    }>
  }
}

const ORDER_MONEY_FIELDS = [
  "+payment_status",
  "+summary",
  "*payment_collections",
  "*payment_collections.payments",
  "*payment_collections.payments.captures",
].join(",")

/** An order's payment status, paid and outstanding amounts and payments, as the dashboard reads them. */
export async function orderMoney(api: HttpClient, headers: Record<string, string>, orderId: string): Promise<OrderMoney> {
  const { data } = await api.get<AdminOrderAnswer>(`/admin/orders/${orderId}?fields=${ORDER_MONEY_FIELDS}`, { headers })
  const collections = data.order.payment_collections ?? []
  return {
    payment_status: data.order.payment_status,
    paid_total: Number(data.order.summary.paid_total),
    outstanding: Number(data.order.summary.pending_difference),
    collections: collections.length,
    payments: collections.flatMap((c) =>
      (c.payments ?? []).map((p) => ({
        id: p.id,
        amount: Number(p.amount),
        captured: Math.round((p.captures ?? []).reduce((sum, cap) => sum + Number(cap.amount), 0) * 100) / 100,
        captures: (p.captures ?? []).length,
        data: p.data ?? {},
      }))
    ),
  }
}

/** The money of an order nobody paid: what an unpaid order must still show after an attack. */
export function unpaid(total: number) {
  return { payment_status: "not_paid", ...nothingPaid(total) }
}

/** Nothing paid, whatever the status reads (an open payment link makes an unpaid order "awaiting"). */
export function nothingPaid(total: number) {
  return { paid_total: 0, outstanding: total, payments: [] }
}

/** Polls `read` until `done` holds; on timeout the error shows the last state read, not just "timed out". */
export async function waitForState<T>(read: () => Promise<T>, done: (state: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs
  let last: T | undefined
  let lastError: unknown
  while (Date.now() < until) {
    try {
      last = await read()
      if (done(last)) return last
    } catch (error) {
      lastError = error
    }
    await sleep(500)
  }
  throw new Error(
    `${what}: not reached within ${timeoutMs} ms; last state ${JSON.stringify(last)}${lastError ? `, last error ${String(lastError)}` : ""}`
  )
}

type WithId = { id?: string; payment_intent?: string | { id: string } | null }

/** Every event Stripe emitted about these objects (PaymentIntents, Checkout Sessions, charges of them), oldest first. */
export async function stripeEventsAbout(stripe: Stripe, objectIds: string[], stripeAccount?: string): Promise<Stripe.Event[]> {
  const ids = new Set(objectIds)
  const events = await stripe.events
    .list({ limit: 100 }, stripeAccount ? { stripeAccount } : undefined)
    .autoPagingToArray({ limit: 10_000 })
  return events
    .filter((event) => {
      const object = event.data.object as WithId
      const intent = typeof object.payment_intent === "string" ? object.payment_intent : object.payment_intent?.id
      return (object.id !== undefined && ids.has(object.id)) || (intent !== undefined && ids.has(intent))
    })
    .reverse()
}

/** Posts one event body to the webhook URL, signed now (or at `signedAt`, unix seconds) with the endpoint's secret. */
export function deliverSigned(baseURL: string, payload: string, signedAt?: number) {
  return postWebhook(baseURL, payload, signPayload(payload, SANDBOX_WEBHOOK_SECRET, signedAt))
}

/** Stripe redelivering events (same ids, fresh signatures), `times` rounds; returns every answer's status. */
export async function redeliver(baseURL: string, events: Stripe.Event[], times = 1): Promise<number[]> {
  const statuses: number[] = []
  for (let round = 0; round < times; round++) {
    for (const event of events) statuses.push((await deliverSigned(baseURL, JSON.stringify(event))).status)
  }
  return statuses
}

/**
 * The Stripe idempotency key today's code gives an admin charge made with this Idempotency-Key, and
 * writes into its PaymentIntent's `stripe_collect_attempt`. The plugin is open source: an attacker
 * can compute it for a key they guess, so nothing may trust it from metadata.
 */
export function guessedAttemptKey(orderId: string, requestKey: string) {
  return `stripe-collect-charge-${orderId}-${createHash("sha256").update(requestKey).digest("hex").slice(0, 40)}`
}

/** Row counts of every table of the plugin (whatever the ledger adds) and of Medusa's notifications. */
export async function pluginAndNotificationRows(container: MedusaContainer): Promise<Record<string, number>> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const tables = (await knex("information_schema.tables")
    .select("table_name")
    .whereRaw("table_schema = current_schema()")
    .andWhere("table_name", "like", "stripe_collect%")) as Array<{ table_name: string }>
  const counts: Record<string, number> = {}
  for (const table of [...tables.map((t) => t.table_name), "notification"].sort()) {
    const [row] = await knex(table).count({ n: "*" })
    counts[table] = Number(row.n)
  }
  return counts
}

/** A connected account that exists at Stripe (the sandbox) but that the plugin was never connected to. */
export async function createUnconnectedStripeAccount(sandbox: RunningSandbox, name: string): Promise<string> {
  const response = await fetch(`${sandbox.url}/_sandbox/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, email: `${name.toLowerCase().replace(/\W+/g, "-")}@example.test` }),
  })
  if (!response.ok) throw new Error(`The sandbox refused to create an account: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { stripe_user_id: string }
  return body.stripe_user_id
}

export type PaidLink = { id: string; url: string; checkout_session_id: string }

/** An admin's payment link for `amount` on the order, paid on Stripe Checkout by a customer who never comes back. */
export async function payLinkWithoutReturn(
  api: HttpClient,
  headers: Record<string, string>,
  orderId: string,
  amount: number
): Promise<PaidLink> {
  const created = await api.post<{ payment_link: { id: string; url: string } }>(
    `/admin/stripe-collect/orders/${orderId}/payment-links`,
    { amount },
    { headers }
  )
  const link = created.data.payment_link
  const checkoutUrl = await pressPay(link.url)
  const paid = await payOnSandboxCheckout(checkoutUrl, "4242424242424242", { followReturn: false })
  if (paid.status !== 303) throw new Error(`Stripe Checkout answered ${paid.status}: ${paid.html.slice(0, 300)}`)
  return { ...link, checkout_session_id: checkoutSessionIdOf(checkoutUrl) }
}

/** The Checkout Session id in a sandbox Checkout URL (`/checkout/:id`). */
export function checkoutSessionIdOf(checkoutUrl: string): string {
  const id = new URL(checkoutUrl).pathname.split("/").filter(Boolean).pop() ?? ""
  if (!id.startsWith("cs_")) throw new Error(`No Checkout Session id in ${checkoutUrl}`)
  return id
}

/** A link's status as the order's Stripe card shows it. */
export async function linkStatus(api: HttpClient, headers: Record<string, string>, orderId: string, linkId: string): Promise<string> {
  const { data } = await api.get<{ payment_links: Array<{ id: string; status: string }> }>(`/admin/stripe-collect/orders/${orderId}`, {
    headers,
  })
  const link = data.payment_links.find((l) => l.id === linkId)
  if (!link) throw new Error(`Link ${linkId} is not on order ${orderId}`)
  return link.status
}

/** The answers that were not 2xx (Stripe retries those): an accepted delivery list is empty. */
export const notAccepted = (statuses: number[]) => statuses.filter((status) => status < 200 || status >= 300)

/** A fresh event id, for an event the test forges. */
export const forgedEventId = () => `evt_forged_${randomBytes(8).toString("hex")}`
