import { ContainerRegistrationKeys, Modules, PaymentCollectionStatus } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { expireLinkCheckout } from "../payment-links/expire-link-checkout"
import type { OrderCollection } from "./order-balance"

/** Expires the open Stripe Checkout of a link's collection (best effort: the pay page re-checks anyway). */
export async function closeLinkCheckout(container: MedusaContainer, collection: OrderCollection) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const linkId = collection.metadata?.payment_link_id
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const [link] = typeof linkId === "string" ? await service.listPaymentLinks({ id: linkId }, { take: 1 }) : []
  if (!link) return
  await expireLinkCheckout(container, link).catch((error) =>
    logger.warn(
      `stripe-collect: could not expire the Checkout Session of payment link ${link.id}: ${
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
  await container
    .resolve(Modules.PAYMENT)
    .updatePaymentCollections(collection.id, { status: PaymentCollectionStatus.CANCELED })
}
