import { MedusaError, PaymentActions } from "@medusajs/framework/utils"
import type { ProviderWebhookPayload, WebhookActionResult } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { ourSessionId, settledByMedusaWebhooks } from "./metadata"
import { fromMinorUnitsToNumber } from "../../stripe/money"

/** What verification needs: the SDK's webhook helpers (`stripe.webhooks`) and the endpoint's secret. */
export type WebhookVerification = {
  webhooks: Pick<Stripe["webhooks"], "constructEvent">
  secret: string
  /** Seconds a signature stays valid; Stripe's default is 300. */
  toleranceSeconds?: number
}

/** A Buffer after a trip through a JSON queue. */
export type SerializedBuffer = { type: "Buffer"; data: number[] }

/** Medusa's webhook payload; the raw body may be missing (not preserved) or serialized by a queue. */
export type StripeWebhookPayload = Omit<ProviderWebhookPayload["payload"], "rawData"> & {
  rawData?: string | Buffer | SerializedBuffer
}

/**
 * Verifies the signature over the raw body and returns the event. Nothing from the body is read
 * before this succeeds. Throws INVALID_DATA (no raw body, no or bad signature, stale timestamp).
 */
export function verifyStripeWebhook(
  payload: StripeWebhookPayload,
  verification: WebhookVerification
): Stripe.Event {
  const rawBody = rawBodyOf(payload.rawData)
  if (rawBody === undefined) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Stripe webhook rejected: the raw request body is missing, so its signature cannot be checked"
    )
  }
  const signature = headerValue(payload.headers, "stripe-signature")
  if (!signature) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Stripe webhook rejected: the Stripe-Signature header is missing"
    )
  }
  try {
    return verification.webhooks.constructEvent(
      rawBody,
      signature,
      verification.secret,
      verification.toleranceSeconds
    )
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Stripe webhook rejected: signature verification failed (${reason})`
    )
  }
}

/**
 * Maps a verified event to what Medusa should do. Only events about our own sessions (plugin marker
 * and session id in the object's metadata) are acted on; everything else is not_supported — as are
 * payment links, which the plugin settles itself under the order's lock.
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

    case "checkout.session.completed": {
      const session = event.data.object
      // "unpaid" after completion: the card was only authorized (manual capture) or an async method
      // is settling. Authorizing reads the PaymentIntent back, so Medusa records what is true.
      const action =
        session.payment_status === "unpaid" ? PaymentActions.AUTHORIZED : PaymentActions.SUCCESSFUL
      return forCheckoutSession(session, action)
    }
    case "checkout.session.async_payment_succeeded":
      return forCheckoutSession(event.data.object, PaymentActions.SUCCESSFUL)
    case "checkout.session.async_payment_failed":
      return forCheckoutSession(event.data.object, PaymentActions.FAILED)
    case "checkout.session.expired":
      // The Medusa session is still payable: the link opens a fresh Checkout Session next time.
      return forCheckoutSession(event.data.object, PaymentActions.PENDING_AUTHORIZATION)

    default:
      return { action: PaymentActions.NOT_SUPPORTED }
  }
}

/** Verify, then map: the whole of `getWebhookActionAndData`, without side effects. */
export function webhookActionFor(
  payload: StripeWebhookPayload,
  verification: WebhookVerification
): WebhookActionResult {
  return webhookActionForEvent(verifyStripeWebhook(payload, verification))
}

type IntentAmountField = "amount" | "amount_capturable" | "amount_received"

function forIntent(
  intent: Stripe.PaymentIntent,
  action: PaymentActions,
  amountField: IntentAmountField
): WebhookActionResult {
  const sessionId = ourSessionId(intent.metadata)
  if (!sessionId || !settledByMedusaWebhooks(intent.metadata)) return { action: PaymentActions.NOT_SUPPORTED }
  return {
    action,
    data: { session_id: sessionId, amount: fromMinorUnitsToNumber(intent[amountField], intent.currency) },
  }
}

function forCheckoutSession(
  session: Stripe.Checkout.Session,
  action: PaymentActions
): WebhookActionResult {
  const sessionId = ourSessionId(session.metadata)
  if (!sessionId || !session.currency || !settledByMedusaWebhooks(session.metadata)) {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
  return {
    action,
    data: {
      session_id: sessionId,
      amount: fromMinorUnitsToNumber(session.amount_total ?? 0, session.currency),
    },
  }
}

// Medusa hands the raw body over as a Buffer or string; through a queue it may arrive as { type: "Buffer", data }.
function rawBodyOf(rawData: unknown): string | Buffer | undefined {
  if (typeof rawData === "string") return rawData.length ? rawData : undefined
  if (Buffer.isBuffer(rawData)) return rawData.length ? rawData : undefined
  if (
    rawData &&
    typeof rawData === "object" &&
    "type" in rawData &&
    rawData.type === "Buffer" &&
    "data" in rawData &&
    Array.isArray(rawData.data)
  ) {
    return Buffer.from(rawData.data)
  }
  return undefined
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)
  const value = Array.isArray(entry?.[1]) ? entry?.[1][0] : entry?.[1]
  return typeof value === "string" && value.length > 0 ? value : undefined
}
