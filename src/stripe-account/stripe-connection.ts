import type { InferTypeOf, MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import type StripeConnectionModel from "../modules/stripe-collect/models/stripe-connection"

export type StripeConnection = InferTypeOf<typeof StripeConnectionModel>

/** Every change to the single connection row happens under this lock, so two saves never create two rows. */
export const STRIPE_CONNECTION_LOCK = "stripe-collect:connection"

export function resolveStripeCollectService(container: Pick<MedusaContainer, "resolve">) {
  return container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
}

/** The store's connection row, or undefined before the merchant first saved the settings. */
export async function findStripeConnection(container: Pick<MedusaContainer, "resolve">): Promise<StripeConnection | undefined> {
  const [connection] = await resolveStripeCollectService(container).listStripeConnections({}, { order: { created_at: "ASC" }, take: 1 })
  return connection
}
