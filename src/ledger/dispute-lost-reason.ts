import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/** Medusa refund reason the plugin puts on the refund that records a lost dispute (made once, found by code). */
export const DISPUTE_LOST_REASON_CODE = "stripe_dispute_lost"

export async function disputeLostReasonId(container: MedusaContainer): Promise<string> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "refund_reason",
    fields: ["id"],
    filters: { code: DISPUTE_LOST_REASON_CODE },
  })
  const known = data[0] as { id?: string } | undefined
  if (known?.id) return known.id
  const [created] = await container
    .resolve(Modules.PAYMENT)
    .createRefundReasons([
      { code: DISPUTE_LOST_REASON_CODE, label: "Dispute lost", description: "A chargeback the bank decided for the customer (Stripe)" },
    ])
  return created.id
}
