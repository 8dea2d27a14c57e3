import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconcileLinkPayments } from "../../../../workflows/reconcile-charges/reconcile-link-payments"
import { reconcileStripeCharges } from "../../../../workflows/reconcile-charges/reconcile-stripe-charges"
import { sendCollectError } from "../../../utils/send-collect-error"
import type { ReconcileChargesBody } from "./validators"

const HOUR = 3_600_000

// Compare Stripe's admin charges and link payments with Medusa now (the job does it every 10 minutes): record what is missing.
export async function POST(req: AuthenticatedMedusaRequest<ReconcileChargesBody>, res: MedusaResponse) {
  const hours = req.validatedBody.hours ?? 48
  try {
    const since = new Date(Date.now() - hours * HOUR)
    const charges = await reconcileStripeCharges(req.scope, { since })
    const paymentLinks = await reconcileLinkPayments(req.scope, { since })
    res.json({ reconciliation: { hours, ...charges, payment_links: paymentLinks } })
  } catch (error) {
    if (!sendCollectError(res, error)) throw error
  }
}
