import { ContainerRegistrationKeys, MathBN, Modules, PaymentCollectionStatus } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { closeLinkCheckout, closeLinkCollection } from "./close-link-collection"
import {
  COLLECTION_ROLE_KEY,
  collectionRole,
  isOpenCollection,
  loadOrderBalance,
  type OrderBalance,
  type OrderCollection,
} from "./order-balance"

const SYSTEM_PROVIDER = "pp_system_default"

// Money nobody has authorized yet can be re-planned; a real provider's authorization is left alone.
const isReplaceable = (c: OrderCollection) =>
  collectionRole(c) !== "payment_link" && c.payments.every((p) => p.canceled_at || p.provider_id === SYSTEM_PROVIDER)

/**
 * Medusa marks an order "captured" once every open payment collection is captured, whatever is
 * still outstanding. Keep exactly one open "balance" collection for what no payment link covers,
 * so the order reads partially_captured while money is owed and captured only when nothing is.
 */
export async function keepOrderBalance(container: MedusaContainer, orderId: string) {
  return keepBalanceOf(container, await loadOrderBalance(container, orderId))
}

/**
 * The same after a payment was captured on an order read (under its lock) before the payment: the
 * order's state is derived from that read and the payment instead of being read again.
 */
export async function keepOrderBalanceAfterPayment(
  container: MedusaContainer,
  before: OrderBalance,
  payment: { payment_collection_id: string; amount: number }
) {
  const paid = MathBN.convert(payment.amount)
  const after: OrderBalance = {
    ...before,
    paid_total: MathBN.add(before.paid_total, paid).toNumber(),
    outstanding: MathBN.max(MathBN.sub(before.outstanding, paid), 0).toNumber(),
    // The collection that took the payment is captured now: no longer open, whatever it was before.
    payment_collections: before.payment_collections.filter((c) => c.id !== payment.payment_collection_id),
  }
  return keepBalanceOf(container, after)
}

async function keepBalanceOf(container: MedusaContainer, order: OrderBalance) {
  if (order.status === "canceled" || order.status === "draft") {
    return { balance_collection_id: null, outstanding: order.outstanding }
  }
  const paymentModule = container.resolve(Modules.PAYMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)

  const open = order.payment_collections.filter(isOpenCollection)
  const replaceable = open.filter(isReplaceable)
  const reserved = open.filter((c) => !isReplaceable(c)).reduce((sum, c) => MathBN.add(sum, c.amount), MathBN.convert(0))
  const needed = MathBN.max(MathBN.sub(order.outstanding, reserved), 0)
  const owesMore = MathBN.gt(needed, 0)

  // A link's open Checkout was made for more than is now owed: close it, the next press asks for less.
  if (MathBN.gt(order.outstanding, 0)) {
    for (const collection of open.filter((c) => collectionRole(c) === "payment_link")) {
      if (MathBN.gt(collection.amount, order.outstanding)) await closeLinkCheckout(container, collection)
    }
  }

  const keep = owesMore ? replaceable.find((c) => collectionRole(c) === "balance" && c.payment_sessions.length === 0) : undefined

  for (const collection of replaceable) {
    if (collection.id === keep?.id) continue
    // What Medusa's own (unexported) cancel-payment-collection workflow does.
    for (const payment of collection.payments) {
      if (!payment.captured_at && !payment.canceled_at) await paymentModule.cancelPayment(payment.id)
    }
    await paymentModule.updatePaymentCollections(collection.id, { status: PaymentCollectionStatus.CANCELED })
  }

  if (!owesMore) {
    // Nothing left to pay: links still open would keep the order from reading "captured".
    if (!MathBN.gt(order.outstanding, 0)) {
      for (const collection of open.filter((c) => collectionRole(c) === "payment_link")) {
        await closeLinkCollection(container, collection)
      }
    }
    return { balance_collection_id: null, outstanding: order.outstanding }
  }
  if (keep) {
    if (!MathBN.eq(keep.amount, needed)) {
      await paymentModule.updatePaymentCollections(keep.id, { amount: needed.toNumber() })
    }
    return { balance_collection_id: keep.id, outstanding: order.outstanding }
  }
  const [created] = await paymentModule.createPaymentCollections([
    {
      currency_code: order.currency_code,
      amount: needed.toNumber(),
      metadata: { [COLLECTION_ROLE_KEY]: "balance" },
    },
  ])
  await link.create({
    [Modules.ORDER]: { order_id: order.id },
    [Modules.PAYMENT]: { payment_collection_id: created.id },
  })
  return { balance_collection_id: created.id, outstanding: order.outstanding }
}
