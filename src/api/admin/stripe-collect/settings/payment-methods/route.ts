import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveLinkPaymentMethodsWorkflow } from "../../../../../workflows/save-link-payment-methods"
import { readStripeSettings } from "../read-stripe-settings"
import type { SaveLinkPaymentMethodsBody } from "../validators"

// Which payment methods a payment link offers: cards only, or every method enabled in the Stripe account.
export async function POST(req: AuthenticatedMedusaRequest<SaveLinkPaymentMethodsBody>, res: MedusaResponse) {
  await saveLinkPaymentMethodsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ settings: await readStripeSettings(req.scope, req.auth_context?.actor_id) })
}
