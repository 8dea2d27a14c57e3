import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { cancelPaymentLink } from "./cancel-payment-link"

export type CanceledOrderLinks = { canceled: string[]; paid_meanwhile: string[]; failed: string[] }

/**
 * A canceled order takes no more money: each of its open links is canceled and its open Checkout
 * Sessions expired at Stripe. A Checkout paid moments before is recorded (the ledger tells the merchant).
 */
export async function cancelOrderLinks(container: MedusaContainer, orderId: string): Promise<CanceledOrderLinks> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const open = await service.listPaymentLinks({ order_id: orderId, status: ["sent", "viewed"] }, { select: ["id"] })
  const outcome: CanceledOrderLinks = { canceled: [], paid_meanwhile: [], failed: [] }
  for (const { id } of open) {
    try {
      await cancelPaymentLink(container, id, "canceled", "Canceled with the order")
      outcome.canceled.push(id)
    } catch (error) {
      const paid = (await service.retrievePaymentLink(id, { select: ["status"] })).status === "paid"
      if (paid) outcome.paid_meanwhile.push(id)
      else {
        outcome.failed.push(id)
        logger.warn(`stripe-collect: could not cancel payment link ${id} of canceled order ${orderId}: ${String(error)}`)
      }
    }
  }
  return outcome
}
