import type { Client } from "pg"
import type Stripe from "stripe"
import type { RunningSandbox } from "../../sandbox"
import { payOnSandboxCheckout, pressPay } from "../helpers/checkout"
import { createUnpaidOrderOverHttp } from "../helpers/http-orders"
import { expectStatus, type MedusaHttp } from "../helpers/medusa-process"

/** What the multi-process specs read back: Medusa's ledger in PostgreSQL, Stripe's in the sandbox. */

export const WEBHOOK_PATH = "/hooks/payment/stripe-collect_default"

/** Captures recorded against an order's payment collections (what moves Medusa's paid total). */
export async function capturesOfOrder(db: Client, orderId: string): Promise<{ id: string; amount: number }[]> {
  const { rows } = await db.query(
    `select c.id, c.amount
       from order_payment_collection opc
       join payment p on p.payment_collection_id = opc.payment_collection_id and p.deleted_at is null
       join capture c on c.payment_id = p.id and c.deleted_at is null
      where opc.order_id = $1 and opc.deleted_at is null`,
    [orderId]
  )
  return rows.map((r) => ({ id: r.id, amount: Number(r.amount) }))
}

/** The plugin's activity rows of a kind and status for an order. */
export async function activitiesOfOrder(db: Client, orderId: string, kind: string, status: string) {
  const { rows } = await db.query(
    `select id, payment_link_id, stripe_object_id, amount from stripe_collect_activity
      where order_id = $1 and kind = $2 and status = $3 and deleted_at is null`,
    [orderId, kind, status]
  )
  return rows as { id: string; payment_link_id: string | null; stripe_object_id: string | null; amount: string }[]
}

/** Every PaymentIntent on the sandbox (newest first). */
export async function allPaymentIntents(stripe: Stripe) {
  return stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })
}

/** Succeeded PaymentIntents of an order: admin charges (order_id) and its links' payments. */
export async function succeededIntentsOfOrder(stripe: Stripe, orderId: string, linkIds: string[] = []) {
  return (await allPaymentIntents(stripe)).filter(
    (pi) =>
      pi.status === "succeeded" &&
      (pi.metadata.order_id === orderId || (pi.metadata.payment_link_id !== undefined && linkIds.includes(pi.metadata.payment_link_id)))
  )
}

/** PaymentIntent creations Stripe received for an order, replays of one key excluded. */
export function intentCreationsOfOrder(sandbox: RunningSandbox, orderId: string) {
  return sandbox.requests().filter((r) => {
    const metadata = r.params.metadata as Record<string, string> | undefined
    return r.method === "POST" && r.path === "/v1/payment_intents" && !r.replayed && metadata?.order_id === orderId
  })
}

/** Emails of the integration-error kind the merchant would get. */
export function integrationErrorEmails(sandbox: RunningSandbox) {
  return sandbox.emails().filter((e) => /integration error/i.test(e.subject))
}

/** An order with a link for `amount`, paid on Stripe Checkout; the customer never comes back to the shop. */
export async function paidLinkWithoutReturn(admin: MedusaHttp, total: number, amount: number, email: string) {
  const order = await createUnpaidOrderOverHttp(admin, { amount: total, email })
  const created = await admin.post(`/admin/stripe-collect/orders/${order.id}/payment-links`, { amount })
  const link = expectStatus(created, 201, "creating a payment link").payment_link as { id: string; url: string }
  const paid = await payOnSandboxCheckout(await pressPay(link.url), "4242424242424242", { followReturn: false })
  if (paid.status !== 303) throw new Error(`Checkout answered ${paid.status}: ${paid.html.slice(0, 300)}`)
  return { order, link }
}
