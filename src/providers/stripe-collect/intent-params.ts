import type Stripe from "stripe"
import type { MinorUnits } from "../../stripe/money"
import type { StripeCollectOptions } from "./options"
import type { StripeCollectMetadata } from "./metadata"
import type { CaptureMethod } from "./trusted-context"

/** What a PaymentIntent of the plugin is made of; every value comes from server code, none from a storefront's `data`. */
export type PaymentIntentInput = {
  /** Minor units, as at Stripe (src/stripe/money.ts converts). */
  amount: MinorUnits
  currency: string
  payment_method?: string | null
  customer?: string | null
  description?: string | null
  receipt_email?: string | null
  /** Complete metadata, ours (build it with stripeCollectMetadata; caller entries only under `storefront_`). */
  metadata: StripeCollectMetadata
  /** Keep the card on `customer` for later off-session charges (ignored without a customer). */
  save_payment_method?: boolean
  capture_method: CaptureMethod
  /** The customer is not present. Stripe accepts it only on confirmation: use with createAndConfirm. */
  off_session?: boolean
  /** A mail/telephone order (sent only with the `moto` option on). Also confirmation only. */
  moto?: boolean
  /** Fail at once instead of waiting for 3-D Secure nobody can complete (a card typed by staff). Confirmation only. */
  error_on_requires_action?: boolean
}

export type PaymentIntentOptions = Pick<StripeCollectOptions, "statementDescriptorSuffix" | "multicapture" | "moto">

/**
 * The parameters of a PaymentIntent, written once for storefront sessions and the admin charge:
 * cards and wallets confirmed server-side without redirects, the statement descriptor suffix,
 * multicapture on manual capture (option), MOTO (option), `setup_future_usage` when the card is kept,
 * and the PaymentMethod expanded (the card's brand and last digits). The caller of
 * `paymentIntents.createAndConfirm` confirms; `create` leaves it to Stripe.js or authorizePayment.
 */
export function paymentIntentParams(input: PaymentIntentInput, options: PaymentIntentOptions): Stripe.PaymentIntentCreateParams {
  const card = cardOptions(input, options)
  return {
    amount: input.amount,
    currency: input.currency,
    capture_method: input.capture_method,
    // Confirmed server-side (or by Stripe.js without a redirect), so no return_url is needed.
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    metadata: input.metadata,
    expand: ["payment_method"],
    ...(input.payment_method ? { payment_method: input.payment_method } : {}),
    ...(input.customer ? { customer: input.customer } : {}),
    ...(input.description ? { description: input.description.slice(0, 1000) } : {}),
    ...(input.receipt_email ? { receipt_email: input.receipt_email } : {}),
    ...(options.statementDescriptorSuffix ? { statement_descriptor_suffix: options.statementDescriptorSuffix } : {}),
    ...(input.customer && input.save_payment_method ? { setup_future_usage: "off_session" as const } : {}),
    ...(input.off_session ? { off_session: true } : {}),
    ...(input.error_on_requires_action ? { error_on_requires_action: true } : {}),
    ...(card ? { payment_method_options: { card } } : {}),
  }
}

export type ConfirmInput = {
  payment_method: string | null
  return_url: string | null
  off_session: boolean
  moto: boolean
}

/** Confirming a storefront session's PaymentIntent at authorization. */
export function confirmParams(input: ConfirmInput, options: Pick<StripeCollectOptions, "moto">): Stripe.PaymentIntentConfirmParams {
  return {
    expand: ["payment_method"],
    ...(input.payment_method ? { payment_method: input.payment_method } : {}),
    ...(input.off_session ? { off_session: true } : {}),
    ...(input.moto && options.moto ? { payment_method_options: { card: { moto: true } } } : {}),
    ...(input.return_url ? { return_url: input.return_url } : {}),
  }
}

/** A new amount for a PaymentIntent not paid yet (the cart changed). */
export function amountUpdateParams(amount: MinorUnits, currency: string, paymentMethod: string | null): Stripe.PaymentIntentUpdateParams {
  return {
    amount,
    currency,
    expand: ["payment_method"],
    ...(paymentMethod ? { payment_method: paymentMethod } : {}),
  }
}

function cardOptions(
  input: PaymentIntentInput,
  options: PaymentIntentOptions
): Stripe.PaymentIntentCreateParams.PaymentMethodOptions.Card | undefined {
  const multicapture = input.capture_method === "manual" && options.multicapture
  const moto = input.moto === true && options.moto
  if (!multicapture && !moto) return undefined
  return {
    ...(multicapture ? { request_multicapture: "if_available" as const } : {}),
    ...(moto ? { moto: true } : {}),
  }
}
