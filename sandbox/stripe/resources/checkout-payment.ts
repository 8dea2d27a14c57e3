// What happens when a customer submits a card on a Checkout Session's hosted page.
import type Stripe from "stripe"
import { StripeApiError } from "../errors"
import { nowSeconds } from "../ids"
import { Params } from "../params"
import type { Scope } from "../scope"
import { cardForNumber } from "../test-cards"
import { attemptPayment, buildIntent, completeAuthentication, optionsOf } from "./payment-intents"
import { createCustomer } from "./customers"
import { createCardPaymentMethod } from "./payment-methods"
import { emptyAddress, idOf } from "./shared"

export interface CardEntry {
  number: string
  expMonth: number
  expYear: number
  cvc: string
  name: string | null
  email: string | null
  /** The customer ticked "Save my card" (offered when the session enables payment_method_save). */
  save?: boolean
}

export type CheckoutOutcome =
  | { kind: "completed"; redirectTo: string | null }
  | { kind: "declined"; message: string; field: "card_number" | "exp" | "cvc" | "email" | null }
  | { kind: "requires_action" }
  | { kind: "closed"; status: string }

/** The success_url with Stripe's {CHECKOUT_SESSION_ID} template variable filled in. */
export const successRedirect = (session: Stripe.Checkout.Session) =>
  session.success_url?.split("{CHECKOUT_SESSION_ID}").join(session.id) ?? null

function validateEntry(session: Stripe.Checkout.Session, entry: CardEntry): CheckoutOutcome | undefined {
  const email = entry.email ?? session.customer_details?.email ?? null
  if (!session.customer && !email) return { kind: "declined", message: "Your email is incomplete.", field: "email" }
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    return { kind: "declined", message: "Your email address is invalid.", field: "email" }
  if (!cardForNumber(entry.number)) return { kind: "declined", message: "Your card number is invalid.", field: "card_number" }
  const now = new Date()
  const year = entry.expYear < 100 ? 2000 + entry.expYear : entry.expYear
  if (!(entry.expMonth >= 1 && entry.expMonth <= 12))
    return { kind: "declined", message: "Your card's expiration date is incomplete.", field: "exp" }
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && entry.expMonth < now.getUTCMonth() + 1)) {
    return { kind: "declined", message: "Your card's expiration year is in the past.", field: "exp" }
  }
  if (!/^\d{3,4}$/.test(entry.cvc)) return { kind: "declined", message: "Your card's security code is incomplete.", field: "cvc" }
  return undefined
}

/** The PaymentIntent behind the session, created on the first attempt (as Checkout does since 2022-08-01). */
function intentFor(scope: Scope, session: Stripe.Checkout.Session): Stripe.PaymentIntent {
  const existing = scope.data.paymentIntents.get(idOf(session.payment_intent) ?? "")
  if (existing) return existing
  const data = scope.data.checkoutIntentData.get(session.id)
  const intent = buildIntent(scope, {
    amount: session.amount_total ?? 0,
    currency: session.currency ?? "usd",
    customer: idOf(session.customer),
    description: data?.description ?? null,
    metadata: { ...(data?.metadata ?? {}) },
    captureMethod: data?.captureMethod ?? "automatic_async",
    allowedPaymentMethodTypes: session.allowed_payment_method_types,
    paymentMethodTypes: session.payment_method_types,
    automaticPaymentMethods: null,
    receiptEmail: data?.receiptEmail ?? null,
    setupFutureUsage: data?.setupFutureUsage ?? null,
    statementDescriptor: data?.statementDescriptor ?? null,
    statementDescriptorSuffix: data?.statementDescriptorSuffix ?? null,
    shipping: null,
    applicationFeeAmount: data?.applicationFeeAmount ?? null,
    transferGroup: data?.transferGroup ?? null,
    paymentMethodOptions: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" } },
  })
  session.payment_intent = intent.id
  return intent
}

/** The session is done: paid, or (a bank debit) waiting for the bank with its PaymentIntent processing. */
export function complete(scope: Scope, session: Stripe.Checkout.Session, intent: Stripe.PaymentIntent): CheckoutOutcome {
  session.status = "complete"
  session.payment_status = intent.status === "succeeded" ? "paid" : "unpaid"
  session.url = null
  const pm = scope.data.paymentMethods.get(idOf(intent.payment_method) ?? "")
  const billing = pm?.billing_details
  session.customer_details = {
    address: billing?.address ?? emptyAddress(),
    business_name: null,
    email: billing?.email ?? session.customer_details?.email ?? null,
    individual_name: null,
    name: billing?.name ?? null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  }
  scope.emit("checkout.session.completed", session)
  return { kind: "completed", redirectTo: successRedirect(session) }
}

function fromAttempt(
  scope: Scope,
  session: Stripe.Checkout.Session,
  intent: Stripe.PaymentIntent,
  error: StripeApiError | undefined
): CheckoutOutcome {
  if (error) return { kind: "declined", message: error.body.message, field: "card_number" }
  if (intent.status === "requires_action") return { kind: "requires_action" }
  if (intent.status === "requires_payment_method") {
    return {
      kind: "declined",
      message: "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
      field: null,
    }
  }
  return complete(scope, session, intent)
}

/** The session can still be paid: open and not past its expiry. */
export const stillPayable = (session: Stripe.Checkout.Session) => session.status === "open" && session.expires_at > nowSeconds()

/** Pays the session with a typed card: completed (redirect), declined (page shows why), or 3-D Secure first. */
export function payCheckoutSession(scope: Scope, session: Stripe.Checkout.Session, entry: CardEntry): CheckoutOutcome {
  if (!stillPayable(session)) return { kind: "closed", status: session.status ?? "expired" }
  const invalid = validateEntry(session, entry)
  if (invalid) return invalid
  const card = cardForNumber(entry.number)
  if (!card) return { kind: "declined", message: "Your card number is invalid.", field: "card_number" }
  const email = entry.email ?? session.customer_details?.email ?? null
  const pm = createCardPaymentMethod(scope, card, {
    expMonth: entry.expMonth,
    expYear: entry.expYear,
    cvcChecked: true,
    billingDetails: { address: emptyAddress(), email, name: entry.name, phone: null, tax_id: null },
  })
  const save = entry.save === true && session.saved_payment_method_options?.payment_method_save === "enabled" && !!session.customer
  return payWithCardPaymentMethod(scope, session, pm, email, save)
}

/**
 * The session's PaymentIntent (made on the first attempt), with the payer as its customer when the session
 * creates customers always.
 */
export function checkoutIntent(scope: Scope, session: Stripe.Checkout.Session, email: string | null, name: string | null) {
  const intent = intentFor(scope, session)
  if (!intent.customer && session.customer_creation === "always") {
    const customerId = createCustomer(scope, new Params({ email, name })).id
    session.customer = customerId
    intent.customer = customerId
  }
  return intent
}

/** Pays the session with a card PaymentMethod (typed, or a wallet's card) through the card network. */
export function payWithCardPaymentMethod(
  scope: Scope,
  session: Stripe.Checkout.Session,
  pm: Stripe.PaymentMethod,
  email: string | null,
  /** Saved on the session's customer for later payments, with the customer's consent. */
  save = false
): CheckoutOutcome {
  const intent = checkoutIntent(scope, session, email, pm.billing_details.name)
  intent.payment_method = pm.id
  // Checkout's opt-in: the card is attached to the customer and shown again in later Checkouts.
  intent.setup_future_usage = save ? "off_session" : (scope.data.checkoutIntentData.get(session.id)?.setupFutureUsage ?? null)
  if (save) pm.allow_redisplay = "always"
  intent.status = "requires_confirmation"
  optionsOf(scope, intent.id).returnUrl = `${scope.core.publicUrl()}/checkout/${session.id}`
  const result = attemptPayment(scope, intent, false)
  return fromAttempt(scope, session, result.intent, result.error)
}

/** The approve / fail answer on the checkout page's 3-D Secure step. */
export function authenticateCheckoutSession(scope: Scope, session: Stripe.Checkout.Session, approved: boolean): CheckoutOutcome {
  if (session.status !== "open") return { kind: "closed", status: session.status ?? "expired" }
  const intent = scope.data.paymentIntents.get(idOf(session.payment_intent) ?? "")
  if (!intent || intent.status !== "requires_action")
    return { kind: "declined", message: "There is no payment waiting for authentication.", field: null }
  const result = completeAuthentication(scope, intent, approved)
  return fromAttempt(scope, session, result.intent, result.error)
}
