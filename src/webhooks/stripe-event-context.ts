import { processPaymentWorkflow } from "@medusajs/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { recordCheckoutSessionFromStripe, recordPaymentIntentFromStripe } from "../ledger/record-from-stripe"
import { recordRefundFromStripe } from "../ledger/record-refund-from-stripe"
import { recordDisputeFromStripe } from "../ledger/record-dispute-from-stripe"
import type { StripeEventContext } from "./types"

/** The handlers' context over the app's container: the ledger, Medusa's payment module and workflows, event rows. */
export function stripeEventContext(container: MedusaContainer): StripeEventContext {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  return {
    ledger: {
      recordPaymentIntent: (ref) => recordPaymentIntentFromStripe(container, ref),
      recordCheckoutSession: (ref) => recordCheckoutSessionFromStripe(container, ref),
      recordRefund: (ref) => recordRefundFromStripe(container, ref),
      recordDispute: (ref) => recordDisputeFromStripe(container, ref),
    },
    storefront: {
      findSession: async (id) => {
        const [session] = await container
          .resolve(Modules.PAYMENT)
          .listPaymentSessions({ id }, { select: ["id", "provider_id", "data"], take: 1 })
        return session ? { id: session.id, provider_id: session.provider_id, data: session.data ?? {} } : undefined
      },
      processPayment: async (action) => {
        await processPaymentWorkflow(container).run({ input: action })
      },
    },
    events: {
      finishStripeEvent: (id, status, outcome) => service.finishStripeEvent(id, status, outcome),
    },
  }
}
