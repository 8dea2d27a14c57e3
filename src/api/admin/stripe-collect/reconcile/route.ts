import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconcileMoneyOut } from "../../../../ledger/reconcile-money-out"
import { reconcileWithStripe } from "../../../../ledger/reconcile-with-stripe"
import { sendCollectError } from "../../../utils/send-collect-error"
import type { ReconcileChargesBody } from "./validators"

const HOUR = 3_600_000

// "Check Stripe now" (the job does it every 10 minutes): ask Stripe about every payment the plugin has not settled,
// and read the refund and dispute events since the last check.
export async function POST(req: AuthenticatedMedusaRequest<ReconcileChargesBody>, res: MedusaResponse) {
  const hours = req.validatedBody.hours ?? 48
  try {
    const summary = await reconcileWithStripe(req.scope, { since: new Date(Date.now() - hours * HOUR) })
    // Refunds and disputes whose webhooks were missed, from Stripe's events since the last check.
    const moneyOut = await reconcileMoneyOut(req.scope, { hours })
    res.json({ reconciliation: { hours, ...summary, money_out: moneyOut } })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
