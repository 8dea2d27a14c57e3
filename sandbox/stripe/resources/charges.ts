// Charges (created by PaymentIntents, never directly) and the balance transactions money movements leave.
import type Stripe from "stripe"
import { resourceMissing } from "../errors"
import { newId, nowSeconds } from "../ids"
import { filterCreated, paginate } from "../list"
import { mergeMetadata } from "../params"
import type { StripeRoute } from "../route"
import type { Scope } from "../scope"
import { booleanField, numericField, tokenField, type SearchableResource } from "../search/query-fields"
import { searchResult } from "../search/search-result"
import type { CardDecline, TestCard } from "../test-cards"
import { findCharge } from "./shared"
import { toJson } from "../expand"

/** Stripe's US card pricing, 2.9% + 30¢ (in the charge currency, good enough for a sandbox). */
const feeFor = (amount: number) => Math.round(amount * 0.029) + 30

export function recordBalanceTransaction(
  scope: Scope,
  amount: number,
  currency: string,
  type: "charge" | "refund" | "refund_failure" | "adjustment",
  source: string,
  description: string | null
): Stripe.BalanceTransaction {
  const fee = type === "charge" ? feeFor(amount) : 0
  const txn: Stripe.BalanceTransaction = {
    id: newId.balanceTransaction(),
    object: "balance_transaction",
    amount,
    available_on: nowSeconds() + 2 * 24 * 3600,
    balance_type: "payments",
    created: nowSeconds(),
    currency,
    description,
    exchange_rate: null,
    fee,
    fee_details: fee ? [{ amount: fee, application: null, currency, description: "Stripe processing fees", type: "stripe_fee" }] : [],
    net: amount - fee,
    reporting_category: type === "charge" ? "charge" : type === "adjustment" ? "dispute" : type === "refund" ? "refund" : "refund_failure",
    source,
    status: "pending",
    type,
  }
  scope.data.balanceTransactions.add(txn)
  return txn
}

export interface ChargeAttempt {
  intent: Stripe.PaymentIntent
  paymentMethod: Stripe.PaymentMethod
  /** The test card paid with; undefined for other methods, which give their own payment_method_details. */
  card?: TestCard
  methodDetails?: Stripe.Charge.PaymentMethodDetails
  /** A bank debit: the charge stays `pending` (not paid, no balance transaction) until the bank settles it. */
  pending?: boolean
  /** Captured now (automatic capture) or only authorized (manual capture). */
  capture: boolean
  decline?: CardDecline
  /** 3-D Secure outcome to report on the charge. */
  authenticated?: boolean
  /** A mail/telephone order (payment_method_options.card.moto). */
  moto?: boolean
  /** Multicapture was asked for (request_multicapture=if_available) on a manual capture. */
  multicapture?: boolean
}

/** A wallet card's details on its charge (Apple Pay, Google Pay), as Stripe shows them. */
function walletDetails(wallet: Stripe.PaymentMethod.Card.Wallet): Stripe.Charge.PaymentMethodDetails.Card.Wallet {
  const { link: _link, ...rest } = structuredClone(wallet)
  return rest
}

export function createCharge(scope: Scope, attempt: ChargeAttempt): Stripe.Charge {
  const { intent, paymentMethod, card, capture, decline, pending } = attempt
  const id = newId.charge()
  const succeeded = !decline
  const captured = succeeded && capture
  const pmCard = paymentMethod.card
  if (!card && !attempt.methodDetails) throw new Error("A charge needs a test card or its payment_method_details")
  const charge: Stripe.Charge = {
    id,
    object: "charge",
    amount: intent.amount,
    amount_captured: captured ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: intent.application_fee_amount,
    balance_transaction:
      captured && !pending ? recordBalanceTransaction(scope, intent.amount, intent.currency, "charge", id, intent.description).id : null,
    billing_details: { ...paymentMethod.billing_details, tax_id: null },
    calculated_statement_descriptor: (intent.statement_descriptor ?? scope.state.platform.business_profile?.name ?? "SANDBOX")
      .toUpperCase()
      .slice(0, 22),
    captured,
    created: nowSeconds(),
    currency: intent.currency,
    customer: typeof intent.customer === "string" ? intent.customer : (intent.customer?.id ?? null),
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: decline
      ? {
          advice_code: decline.decline_code === "insufficient_funds" ? "try_again_later" : "do_not_try_again",
          network_advice_code: null,
          network_decline_code: null,
          network_status: decline.outcome.network_status,
          reason: decline.outcome.reason,
          risk_level: decline.outcome.risk_level,
          risk_score: decline.outcome.risk_level === "highest" ? 95 : 20,
          seller_message: decline.outcome.seller_message,
          type: decline.outcome.type,
        }
      : {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: "approved_by_network",
          reason: null,
          risk_level: "normal",
          risk_score: 20,
          seller_message: pending ? "Payment processing." : "Payment complete.",
          type: "authorized",
        },
    paid: succeeded && !pending,
    payment_intent: intent.id,
    payment_method: paymentMethod.id,
    payment_method_details: attempt.methodDetails ?? {
      card: {
        amount_authorized: succeeded ? intent.amount : null,
        authorization_code: succeeded ? String(100000 + Math.floor(Math.random() * 900000)) : null,
        brand: card!.brand,
        ...(captured || !succeeded ? {} : { capture_before: nowSeconds() + 7 * 24 * 3600 }),
        checks: pmCard?.checks ? { ...pmCard.checks } : null,
        country: card!.country,
        electronic_commerce_indicator: attempt.authenticated ? "05" : null,
        exp_month: pmCard?.exp_month ?? 12,
        exp_year: pmCard?.exp_year ?? new Date().getUTCFullYear() + 3,
        fingerprint: pmCard?.fingerprint ?? null,
        funding: card!.funding,
        installments: null,
        last4: card!.number.slice(-4),
        mandate: null,
        moto: attempt.moto ? true : null,
        ...(attempt.multicapture && succeeded ? { multicapture: { status: "available" as const } } : {}),
        network: card!.brand,
        network_token: { used: false },
        network_transaction_id: succeeded ? String(Math.floor(Math.random() * 1e15)) : null,
        regulated_status: "unregulated",
        three_d_secure: attempt.authenticated
          ? {
              authentication_flow: "challenge",
              electronic_commerce_indicator: "05",
              exemption_indicator: null,
              result: "authenticated",
              result_reason: null,
              transaction_id: newId.fingerprint(),
              version: "2.2.0",
            }
          : null,
        transaction_link_id: null,
        wallet: pmCard?.wallet ? walletDetails(pmCard.wallet) : null,
      },
      type: "card",
    },
    radar_options: {},
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: `${scope.core.publicUrl()}/_sandbox/receipts/${id}`,
    refunded: false,
    review: null,
    shipping: intent.shipping ? { ...intent.shipping } : null,
    source: null,
    source_transfer: null,
    statement_descriptor: intent.statement_descriptor,
    statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status: pending ? "pending" : succeeded ? "succeeded" : "failed",
    transfer_data: null,
    transfer_group: intent.transfer_group,
  }
  scope.data.charges.add(charge)
  scope.own(charge.id)
  return charge
}

/**
 * Captures `amount` of an authorized charge. A final capture releases the rest (shown as refunded, as on
 * Stripe); a non-final one (multicapture) keeps it authorized for later captures.
 */
export function captureCharge(scope: Scope, charge: Stripe.Charge, amount: number, final: boolean): void {
  charge.captured = true
  charge.amount_captured += amount
  charge.balance_transaction = recordBalanceTransaction(scope, amount, charge.currency, "charge", charge.id, charge.description).id
  if (!final) return
  const released = charge.amount - charge.amount_captured
  if (released > 0) {
    charge.amount_refunded = released
    scope.data.releasedAmounts.set(charge.id, released)
  }
  if (charge.payment_method_details?.card) delete charge.payment_method_details.card.capture_before
}

/** What can still be refunded: captured minus refunds so far (released authorization excluded). */
export function refundableAmount(scope: Scope, charge: Stripe.Charge): number {
  const released = scope.data.releasedAmounts.get(charge.id) ?? 0
  return charge.amount_captured - (charge.amount_refunded - released)
}

/** Stripe's query fields for charges (https://docs.stripe.com/search#query-fields-for-charges), those the sandbox stores. */
const searchableCharges: SearchableResource<Stripe.Charge> = {
  name: "charges",
  fields: {
    amount: numericField((c) => c.amount),
    created: numericField((c) => c.created),
    currency: tokenField((c) => c.currency),
    customer: tokenField((c) => (typeof c.customer === "string" ? c.customer : (c.customer?.id ?? null))),
    disputed: booleanField((c) => c.disputed),
    payment_intent: tokenField((c) => (typeof c.payment_intent === "string" ? c.payment_intent : (c.payment_intent?.id ?? null))),
    "payment_method_details.card.brand": tokenField((c) => c.payment_method_details?.card?.brand ?? null),
    "payment_method_details.card.last4": tokenField((c) => c.payment_method_details?.card?.last4 ?? null),
    refunded: booleanField((c) => c.refunded),
    status: tokenField((c) => c.status),
  },
  metadata: (c) => c.metadata,
}

export const chargeRoutes: StripeRoute[] = [
  {
    method: "GET",
    template: "/v1/charges/search",
    handler: ({ scope, params, url }) => searchResult(scope.data.charges.newestFirst(), params, url, searchableCharges),
  },
  { method: "GET", template: "/v1/charges/{charge}", handler: ({ scope, path }) => findCharge(scope, path.charge, "id") },
  {
    method: "POST",
    template: "/v1/charges/{charge}",
    handler: ({ scope, params, path }) => {
      const charge = findCharge(scope, path.charge, "id")
      const previous = toJson(charge)
      if (params.has("metadata")) charge.metadata = mergeMetadata(charge.metadata, params.metadata())
      if (params.has("description")) charge.description = params.nullableString("description") ?? null
      if (params.has("receipt_email")) charge.receipt_email = params.nullableString("receipt_email") ?? null
      scope.emit("charge.updated", charge, { metadata: previous.metadata, description: previous.description })
      return charge
    },
  },
  {
    method: "GET",
    template: "/v1/charges",
    handler: ({ scope, params, url }) => {
      const customer = params.string("customer")
      const intent = params.string("payment_intent")
      const items = scope.data.charges
        .newestFirst()
        .filter((c) => (!customer || c.customer === customer) && (!intent || c.payment_intent === intent))
      return paginate(filterCreated(items, params), params, url, "charge")
    },
  },
  {
    method: "GET",
    template: "/v1/balance_transactions/{id}",
    handler: ({ scope, path }) => {
      const txn = scope.data.balanceTransactions.get(path.id)
      if (!txn) throw resourceMissing("balance_transaction", path.id, "id")
      return txn
    },
  },
]
