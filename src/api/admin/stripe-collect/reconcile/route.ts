import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconcileStripeCharges } from "../../../../workflows/reconcile-charges/reconcile-stripe-charges"
import { sendCollectError } from "../../../utils/send-collect-error"
import type { ReconcileChargesBody } from "./validators"

const HOUR = 3_600_000

// Compare Stripe's admin charges with Medusa now (the job does it every 10 minutes): record what is missing.
export async function POST(req: AuthenticatedMedusaRequest<ReconcileChargesBody>, res: MedusaResponse) {
  const hours = req.validatedBody.hours ?? 48
  try {
    const reconciliation = await reconcileStripeCharges(req.scope, { since: new Date(Date.now() - hours * HOUR) })
    res.json({ reconciliation: { hours, ...reconciliation } })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
