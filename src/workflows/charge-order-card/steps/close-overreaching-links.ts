import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { STRIPE_COLLECT_MODULE } from "../../../modules/stripe-collect"
import type StripeCollectModuleService from "../../../modules/stripe-collect/service"
import { toMedusaError } from "../../../providers/stripe-collect/errors"
import { getStripeAccountId } from "../../connect-stripe-account/get-stripe-account-id"
import { stripeAccess } from "../../connect-stripe-account/stripe-access"
import { collectionRole, isOpenCollection, type OrderBalance } from "../../order-balance/order-balance"
import { expireKey } from "../../payment-links/expire-link-checkout"

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
    const { stripe } = stripeAccess(container)
    const stripeAccount = await getStripeAccountId(container)
    let closed = 0
    for (const link of links) {
      if (!link.checkout_session_id) continue
      try {
        const session = await stripe.checkout.sessions.retrieve(link.checkout_session_id, {}, { stripeAccount })
        if (session.status === "complete") {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `The customer has just paid payment link ${link.id} on order #${order.display_id}; it is being recorded. Check what is still outstanding, then charge that.`
          )
        }
        if (session.status !== "open") continue
        const expired = await stripe.checkout.sessions.expire(
          session.id,
          {},
          { stripeAccount, idempotencyKey: expireKey(link.id, session.id) }
        )
        if (expired.status === "expired") closed++
      } catch (error) {
        if (error instanceof MedusaError) throw error
        // Stripe refuses to expire a session paid a moment ago: the same answer as "complete" above.
        throw toMedusaError(error, "close the payment link's open Checkout before charging")
      }
    }
    return new StepResponse(closed)
  }
)
