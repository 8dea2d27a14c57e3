import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"

/** Marks the payment collections this plugin manages, in the collection's metadata. */
export const COLLECTION_ROLE_KEY = "stripe_collect"
// money_returned: money Stripe gave back after Medusa recorded it as refunded (a failed refund, a reinstated dispute).
export type CollectionRole = "charge" | "payment_link" | "balance" | "money_returned"

export type OrderCollection = {
  id: string
  status: string
  amount: number
  captured_amount: number
  authorized_amount: number
  metadata: Record<string, unknown> | null
  payment_sessions: { id: string; provider_id: string; status: string }[]
  payments: { id: string; provider_id: string; captured_at: string | Date | null; canceled_at: string | Date | null }[]
}

export type OrderBalance = {
  id: string
  display_id: number
  status: string
  currency_code: string
  email: string | null
  created_at: string | Date
  customer_id: string | null
  customer: {
    id: string
    email: string | null
    first_name: string | null
    last_name: string | null
    phone: string | null
    /** Only when read with `{ accountHolders: true }` (a charge needs the Stripe customer). */
    account_holders?: AccountHolderRow[]
  } | null
  billing_address: Record<string, unknown> | null
  total: number
  paid_total: number
  outstanding: number
  /** Paid by bank debits the bank has not settled (SEPA, ACH): part of `outstanding`, but held for them. */
  processing?: number
  payment_collections: OrderCollection[]
}

/** What may still be collected: outstanding, less what processing bank debits hold (they may yet succeed). */
export function collectableAmount(order: Pick<OrderBalance, "outstanding" | "processing">): number {
  return MathBN.max(MathBN.sub(order.outstanding, order.processing ?? 0), 0).toNumber()
}

const ORDER_FIELDS = [
  "id",
  "display_id",
  "status",
  "currency_code",
  "email",
  "created_at",
  "customer_id",
  "customer.id",
  "customer.email",
  "customer.first_name",
  "customer.last_name",
  "customer.phone",
  "billing_address.*",
  "total",
  "summary.*",
  "payment_collections.id",
  "payment_collections.status",
  "payment_collections.amount",
  "payment_collections.captured_amount",
  "payment_collections.authorized_amount",
  "payment_collections.metadata",
  "payment_collections.payment_sessions.id",
  "payment_collections.payment_sessions.provider_id",
  "payment_collections.payment_sessions.status",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.canceled_at",
]

const ACCOUNT_HOLDER_FIELDS = [
  "customer.account_holders.id",
  "customer.account_holders.provider_id",
  "customer.account_holders.external_id",
  "customer.account_holders.data",
]

/** A payment provider's record of the customer (for us: the Stripe customer, `cus_...`, and its account). */
export type AccountHolderRow = { id?: string; provider_id: string; external_id: string; data: Record<string, unknown> | null }

const toNumber = (value: unknown): number => (value == null ? 0 : MathBN.convert(value as number).toNumber())

/** The order with what it has been paid and what is still outstanding, read fresh from the database. */
export async function loadOrderBalance(
  container: MedusaContainer,
  orderId: string,
  options: { accountHolders?: boolean } = {}
): Promise<OrderBalance> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data }, processing] = await Promise.all([
    query.graph({
      entity: "order",
      fields: options.accountHolders ? [...ORDER_FIELDS, ...ACCOUNT_HOLDER_FIELDS] : ORDER_FIELDS,
      filters: { id: orderId },
    }),
    container
      .resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
      .listPaymentAttempts({ order_id: orderId, status: "processing" }, { select: ["amount"] }),
  ])
  const order = data[0] as Record<string, any> | undefined
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  }
  const summary = order.summary ?? {}
  return {
    id: order.id,
    display_id: order.display_id,
    status: order.status,
    currency_code: order.currency_code,
    email: order.email ?? null,
    created_at: order.created_at,
    customer_id: order.customer_id ?? null,
    customer: order.customer ? { ...order.customer, account_holders: (order.customer.account_holders ?? []).filter(Boolean) } : null,
    billing_address: order.billing_address ?? null,
    total: toNumber(order.total),
    paid_total: toNumber(summary.paid_total),
    outstanding: Math.max(0, toNumber(summary.raw_pending_difference ?? summary.pending_difference)),
    processing: processing.reduce((sum, attempt) => MathBN.add(sum, attempt.amount), MathBN.convert(0)).toNumber(),
    payment_collections: (order.payment_collections ?? []).filter(Boolean).map((c: Record<string, any>) => ({
      id: c.id,
      status: c.status,
      amount: toNumber(c.amount),
      captured_amount: toNumber(c.captured_amount),
      authorized_amount: toNumber(c.authorized_amount),
      metadata: c.metadata ?? null,
      payment_sessions: (c.payment_sessions ?? []).filter(Boolean),
      payments: (c.payments ?? []).filter(Boolean),
    })),
  }
}

export function collectionRole(collection: Pick<OrderCollection, "metadata">): CollectionRole | undefined {
  const role = collection.metadata?.[COLLECTION_ROLE_KEY]
  return role === "charge" || role === "payment_link" || role === "balance" || role === "money_returned" ? role : undefined
}

/** Collections still waiting for money: nothing captured and not canceled or completed. */
export function isOpenCollection(collection: OrderCollection): boolean {
  return !["canceled", "completed", "partially_captured"].includes(collection.status) && collection.captured_amount === 0
}
