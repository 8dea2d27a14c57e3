import { ContainerRegistrationKeys, Modules, PaymentCollectionStatus } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { expireLinkCheckouts } from "../payment-links/expire-link-checkout"
import type { OrderCollection } from "./order-balance"

/**
 * Expires the open Stripe Checkout of a link's collection (best effort: the pay page re-checks anyway,
 * and a payment made meanwhile is in the ledger as an open Checkout, so recovery records it).
 */
export async function closeLinkCheckout(container: MedusaContainer, collection: OrderCollection) {
  const linkId = collection.metadata?.payment_link_id
  if (typeof linkId !== "string") return
  await expireLinkCheckouts(container, { id: linkId }).catch((error: unknown) =>
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `stripe-collect: could not expire the Checkout Session of payment link ${linkId}: ${
          error instanceof Error ? error.message : String(error)
        }`
      )
  )
}

/**
 * The order was paid another way: the link's collection is canceled and its open Stripe Checkout
 * Session expired, so the customer cannot pay twice. If Stripe cannot be reached, the link still
 * refuses new payments, and a payment already under way is recorded when it arrives.
 */
export async function closeLinkCollection(container: MedusaContainer, collection: OrderCollection) {
  await closeLinkCheckout(container, collection)
  await container.resolve(Modules.PAYMENT).updatePaymentCollections(collection.id, { status: PaymentCollectionStatus.CANCELED })
}
