import { PaymentActions } from "@medusajs/framework/utils"
import type { WebhookActionResult } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { asMinorUnits, fromMinorUnitsToNumber } from "../../stripe/money"
import { ourSessionId } from "./metadata"

/**
 * What Medusa should do about a verified event: the pure mapping behind getWebhookActionAndData, also
 * called by the plugin's webhook entry for storefront sessions. Only PaymentIntents whose metadata
 * names a Medusa session of ours (`stripe_collect: "1"` and `session_id`) are acted on; everything else
 * is not_supported. Checkout Sessions belong to the plugin's payment-link code, not to Medusa's handling.
 */
export function webhookActionForEvent(event: Stripe.Event): WebhookActionResult {
  switch (event.type) {
    case "payment_intent.created":
    case "payment_intent.processing":
      return forIntent(event.data.object, PaymentActions.PENDING, "amount")
    case "payment_intent.requires_action":
    case "payment_intent.partially_funded":
      return forIntent(event.data.object, PaymentActions.REQUIRES_MORE, "amount")
    case "payment_intent.amount_capturable_updated":
      return forIntent(event.data.object, PaymentActions.AUTHORIZED, "amount_capturable")
    case "payment_intent.succeeded":
      return forIntent(event.data.object, PaymentActions.SUCCESSFUL, "amount_received")
    case "payment_intent.payment_failed":
      return forIntent(event.data.object, PaymentActions.FAILED, "amount")
    case "payment_intent.canceled":
      return forIntent(event.data.object, PaymentActions.CANCELED, "amount")
    default:
      return { action: PaymentActions.NOT_SUPPORTED }
  }
}

type IntentAmountField = "amount" | "amount_capturable" | "amount_received"

function forIntent(intent: Stripe.PaymentIntent, action: PaymentActions, amountField: IntentAmountField): WebhookActionResult {
  const sessionId = ourSessionId(intent.metadata)
  if (!sessionId) return { action: PaymentActions.NOT_SUPPORTED }
  return {
    action,
    data: { session_id: sessionId, amount: fromMinorUnitsToNumber(asMinorUnits(intent[amountField]), intent.currency) },
  }
}
