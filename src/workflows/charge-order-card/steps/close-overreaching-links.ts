import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import { collectionRole, isOpenCollection, type OrderBalance } from "../../../orders/order-balance"
import { expireLinkCheckouts } from "../../../payment-links/expire-link-checkout"
import { toMedusaError } from "../../../stripe/errors"
import { recordCheckoutSession } from "../../../ledger/record-from-stripe"

export type CloseOverreachingLinksInput = { order: OrderBalance; amount: number }

/**
 * A customer on a link's Stripe Checkout pays without our lock. Before a charge takes money, every
 * open Checkout asking for more than would then be owed is expired at Stripe; one already paid is
 * recorded now and stops the charge, so charges and link payments never exceed the total.
 */
export const closeOverreachingLinksStep = createStep(
  "stripe-collect-close-overreaching-links",
  async ({ order, amount }: CloseOverreachingLinksInput, { container }) => {
    const remaining = MathBN.sub(order.outstanding, amount)
    const linkIds = order.payment_collections
      .filter((c) => collectionRole(c) === "payment_link" && isOpenCollection(c) && MathBN.gt(c.amount, remaining))
      .map((c) => c.metadata?.payment_link_id)
      .filter((id): id is string => typeof id === "string")
    if (!linkIds.length) return new StepResponse(0)

    const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
    const links = await service.listPaymentLinks({ id: linkIds, status: ["sent", "viewed"] })
    let closed = 0
    for (const link of links) {
      // A session paid between the read and the expire makes Stripe refuse: the charge stops either way.
      const checkout = await expireLinkCheckouts(container, link).catch((error) => {
        throw toMedusaError(error, "close the payment link's open Checkout before charging")
      })
      if (checkout.state === "complete") {
        // This request holds the order's lock: the payment is recorded from the order it read.
        await recordCheckoutSession(container, checkout.attempt, checkout.session, "charge", order)
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `The customer has just paid payment link ${link.id} on order #${order.display_id}; it is recorded on the order. Check what is still outstanding, then charge that.`
        )
      }
      if (checkout.state === "expired") closed++
    }
    return new StepResponse(closed)
  }
)
