import type { MedusaContainer } from "@medusajs/framework/types"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { reportIntegrationError } from "../integration-errors/report-integration-error"
import { stripeGateway } from "../stripe/configured-gateway"
import { recordMoneyReturnedWorkflow } from "../workflows/record-money-returned"

type MoneyOutRow = Awaited<ReturnType<StripeCollectModuleService["listMoneyOuts"]>>[number]

/**
 * Money recorded as gone came back in Stripe (a refund failed; a lost dispute was won on appeal): recorded
 * once as money in on the order (record-money-returned workflow), and the merchant is emailed, since the
 * customer did not get the refund they were told of, or the order's books move again.
 */
export async function recordMoneyReturned(
  container: MedusaContainer,
  row: MoneyOutRow,
  change: { stripe_status: string; reason: string }
): Promise<"returned" | "already_recorded"> {
  const amount = Number(row.amount)
  const money = `${amount.toFixed(2)} ${row.currency_code.toUpperCase()}`
  const message = `${change.reason}: ${money} is back in your Stripe balance and recorded as paid on the order again`
  const { result } = await recordMoneyReturnedWorkflow(container).run({
    input: {
      money_out_id: row.id,
      stripe_status: change.stripe_status,
      order_id: row.order_id,
      amount,
      currency_code: row.currency_code,
      stripe_object_id: row.stripe_object_id,
      kind: row.kind,
      message,
      livemode: !stripeGateway(container).testMode,
    },
  })
  if (!result.returned) return "already_recorded"
  await reportIntegrationError(container, {
    kind: "money_returned",
    operation: row.kind === "refund" ? "Refund" : "Dispute",
    order_id: row.order_id,
    stripe_object_id: row.stripe_object_id,
    message,
  })
  return "returned"
}
