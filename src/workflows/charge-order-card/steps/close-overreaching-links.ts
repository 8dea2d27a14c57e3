import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import { toMedusaError } from "../../../stripe/errors"
import { collectionRole, isOpenCollection, type OrderBalance } from "../../../orders/order-balance"
import { expireLinkCheckout } from "../../../payment-links/expire-link-checkout"

export type CloseOverreachingLinksInput = { order: OrderBalance; amount: number }

/**
 * A customer on a link's Stripe Checkout pays without our lock. Before a charge takes money, every
 * open Checkout asking for more than would then be owed is expired at Stripe; one already paid stops
 * the charge (its payment is being recorded), so charges and link payments never exceed the total.
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
      const state = await expireLinkCheckout(container, link).catch((error) => {
        throw toMedusaError(error, "close the payment link's open Checkout before charging")
      })
      if (state === "complete") {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `The customer has just paid payment link ${link.id} on order #${order.display_id}; it is being recorded. Check what is still outstanding, then charge that.`
        )
      }
      if (state === "expired") closed++
    }
    return new StepResponse(closed)
  }
)
