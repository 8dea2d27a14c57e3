import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { getStripeAccountId } from "../stripe-account/get-stripe-account-id"
import type { EventDoor } from "./accept-stripe-event"
import {
  STRIPE_EVENT_ATTEMPTS,
  STRIPE_EVENT_QUEUE_DELAY_MS,
  STRIPE_EVENT_RECEIVED,
  type StripeEventReceived,
} from "./stripe-event-received"

/** The door of the webhook entry over the app's container: the ledger's event rows and Medusa's event bus. */
export function eventDoor(container: MedusaContainer): EventDoor {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  return {
    configuredAccount: () => configuredAccount(container),
    knowsStripeAccount: (account) => service.knowsStripeAccount(account),
    receiveStripeEvent: (arrival) => service.receiveStripeEvent(arrival),
    queue: (received) =>
      container
        .resolve(Modules.EVENT_BUS)
        .emit<StripeEventReceived>(
          { name: STRIPE_EVENT_RECEIVED, data: received },
          { delay: STRIPE_EVENT_QUEUE_DELAY_MS, attempts: STRIPE_EVENT_ATTEMPTS }
        ),
  }
}

// With Connect configured and nothing connected there is no account of ours: every event's account is foreign
// unless the ledger once used it.
async function configuredAccount(container: MedusaContainer): Promise<string | undefined> {
  try {
    return await getStripeAccountId(container)
  } catch (error) {
    if (error instanceof MedusaError && error.type === MedusaError.Types.NOT_ALLOWED) return undefined
    throw error
  }
}
