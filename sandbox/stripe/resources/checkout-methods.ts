// Paying a Checkout Session with something other than a typed card: a wallet (Apple Pay, a card underneath),
// Klarna (a redirect the customer approves or fails), or a bank debit (SEPA Direct Debit, ACH) that completes
// the session unpaid with its PaymentIntent `processing` until the bank settles it (settleBankDebit).
import { createHash } from "crypto"
import type Stripe from "stripe"
import { invalidRequest, unexpectedState } from "../errors"
import { newId, nowSeconds } from "../ids"
import type { Scope } from "../scope"
import { cardForNumber } from "../test-cards"
import {
  INSUFFICIENT_FUNDS,
  TEST_BANK_ACCOUNTS,
  testIban,
  testUsBankAccount,
  type BankFailure,
  type TestBankAccount,
} from "../test-bank-accounts"
import { createCharge, recordBalanceTransaction } from "./charges"
import { checkoutIntent, complete, payWithCardPaymentMethod, stillPayable, type CheckoutOutcome } from "./checkout-payment"
import { createCardPaymentMethod } from "./payment-methods"
import { emptyAddress, idOf } from "./shared"

export type BankEntry =
  | { type: "sepa_debit"; iban: string; name: string | null; email: string | null }
  | { type: "us_bank_account"; routing: string; account: string; name: string | null; email: string | null }

/** Stable per account number, like Stripe's fingerprints within one account. */
const fingerprintOf = (number: string) =>
  createHash("sha256")
    .update(`bank:${number}`)
    .digest("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 16)

const closed = (session: Stripe.Checkout.Session): CheckoutOutcome => ({ kind: "closed", status: session.status ?? "expired" })

function offers(session: Stripe.Checkout.Session, type: string): boolean {
  return session.payment_method_types.includes(type)
}

function payerEmail(scope: Scope, session: Stripe.Checkout.Session, email: string | null): string | null {
  const customer = scope.data.customers.get(idOf(session.customer) ?? "")
  return email ?? session.customer_details?.email ?? session.customer_email ?? customer?.email ?? null
}

function billing(email: string | null, name: string | null): Stripe.PaymentMethod.BillingDetails {
  return { address: emptyAddress(), email, name, phone: null, tax_id: null }
}

function newPaymentMethod(scope: Scope, fields: Partial<Stripe.PaymentMethod> & Pick<Stripe.PaymentMethod, "type">): Stripe.PaymentMethod {
  const pm: Stripe.PaymentMethod = {
    id: newId.paymentMethod(),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: billing(null, null),
    created: nowSeconds(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    ...fields,
  }
  scope.data.paymentMethods.add(pm)
  return pm
}

/** Apple Pay on the hosted page: the wallet's card (test Visa 4242) with `card.wallet` set, paid like any card. */
export function payWithApplePay(scope: Scope, session: Stripe.Checkout.Session, email: string | null): CheckoutOutcome {
  if (!stillPayable(session)) return closed(session)
  if (!offers(session, "card")) return { kind: "declined", message: "Apple Pay is not available for this payment.", field: null }
  const payer = payerEmail(scope, session, email)
  if (!session.customer && !payer) return { kind: "declined", message: "Your email is incomplete.", field: "email" }
  const card = cardForNumber("4242424242424242")!
  const pm = createCardPaymentMethod(scope, card, { billingDetails: billing(payer, "Apple Pay Customer") })
  pm.card!.wallet = { apple_pay: {}, dynamic_last4: "4242", type: "apple_pay" }
  return payWithCardPaymentMethod(scope, session, pm, payer)
}

/**
 * Klarna: the customer is sent to Klarna and approves (the PaymentIntent succeeds at once, the session is
 * paid) or fails (the session stays open, the PaymentIntent asks for another payment method).
 */
export function payWithKlarna(scope: Scope, session: Stripe.Checkout.Session, approved: boolean): CheckoutOutcome {
  if (!stillPayable(session)) return closed(session)
  if (!offers(session, "klarna")) return { kind: "declined", message: "Klarna is not available for this payment.", field: null }
  const email = payerEmail(scope, session, null)
  const pm = newPaymentMethod(scope, { type: "klarna", klarna: { dob: null }, billing_details: billing(email, "Klarna Customer") })
  const intent = checkoutIntent(scope, session, email, null)
  intent.payment_method = pm.id
  const details: Stripe.Charge.PaymentMethodDetails = {
    type: "klarna",
    klarna: { payer_details: { address: { country: "US" } }, payment_method_category: "pay_later", preferred_locale: "en-US" },
  }
  if (!approved) {
    const failure: BankFailure = {
      code: "payment_method_provider_decline",
      message: "The customer failed to authorize the Klarna payment.",
    }
    failIntent(
      scope,
      intent,
      createCharge(scope, { intent, paymentMethod: pm, methodDetails: details, capture: false, decline: decline(failure) }),
      failure
    )
    return { kind: "declined", message: failure.message, field: null }
  }
  const charge = createCharge(scope, { intent, paymentMethod: pm, methodDetails: details, capture: true })
  intent.latest_charge = charge.id
  intent.last_payment_error = null
  intent.status = "succeeded"
  intent.amount_received = intent.amount
  scope.emit("charge.succeeded", charge)
  scope.emit("payment_intent.succeeded", intent)
  return complete(scope, session, intent)
}

/** The test bank account a bank debit's PaymentMethod was made from. */
function accountOf(pm: Stripe.PaymentMethod): TestBankAccount | undefined {
  const fingerprint = pm.sepa_debit?.fingerprint ?? pm.us_bank_account?.fingerprint
  return TEST_BANK_ACCOUNTS.find((a) => fingerprintOf(a.number) === fingerprint)
}

function bankPaymentMethod(scope: Scope, account: TestBankAccount, payer: Stripe.PaymentMethod.BillingDetails): Stripe.PaymentMethod {
  const last4 = account.number.slice(-4)
  const fingerprint = fingerprintOf(account.number)
  if (account.type === "sepa_debit") {
    return newPaymentMethod(scope, {
      type: "sepa_debit",
      billing_details: payer,
      sepa_debit: {
        bank_code: account.number.slice(4, 12),
        branch_code: "",
        country: account.country,
        fingerprint,
        generated_from: null,
        last4,
      },
    })
  }
  return newPaymentMethod(scope, {
    type: "us_bank_account",
    billing_details: payer,
    us_bank_account: {
      account_holder_type: "individual",
      account_type: "checking",
      bank_name: account.bankName,
      financial_connections_account: null,
      fingerprint,
      last4,
      networks: { preferred: "ach", supported: ["ach"] },
      routing_number: account.routing,
      status_details: null,
    },
  })
}

function bankChargeDetails(account: TestBankAccount, pm: Stripe.PaymentMethod, mandate: string): Stripe.Charge.PaymentMethodDetails {
  // Stripe debits SEPA after the pre-notification, ACH on the next business days; the sandbox says "in 3 days".
  const expected = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
  if (account.type === "sepa_debit") {
    const sepa = pm.sepa_debit!
    return {
      type: "sepa_debit",
      sepa_debit: {
        bank_code: sepa.bank_code,
        branch_code: sepa.branch_code,
        country: sepa.country,
        expected_debit_date: expected,
        fingerprint: sepa.fingerprint,
        last4: sepa.last4,
        mandate,
      },
    }
  }
  const ach = pm.us_bank_account!
  return {
    type: "us_bank_account",
    us_bank_account: {
      account_holder_type: ach.account_holder_type,
      account_type: ach.account_type,
      bank_name: ach.bank_name,
      expected_debit_date: expected,
      fingerprint: ach.fingerprint,
      last4: ach.last4,
      mandate,
      payment_reference: null,
      routing_number: ach.routing_number,
    },
  }
}

const bankLabel = (type: BankEntry["type"]) => (type === "sepa_debit" ? "SEPA Direct Debit" : "US bank account")

/**
 * A bank debit on the hosted page: the customer accepts the mandate, the session completes with
 * `payment_status: "unpaid"`, and the PaymentIntent is `processing` with a pending charge until the bank
 * settles it (the control API's settle, as Stripe's test accounts do after a delay).
 */
export function payWithBankDebit(scope: Scope, session: Stripe.Checkout.Session, entry: BankEntry): CheckoutOutcome {
  if (!stillPayable(session)) return closed(session)
  if (!offers(session, entry.type))
    return { kind: "declined", message: `${bankLabel(entry.type)} is not available for this payment.`, field: null }
  const email = payerEmail(scope, session, entry.email)
  if (!email) return { kind: "declined", message: "Your email is incomplete.", field: "email" }
  if (!entry.name) return { kind: "declined", message: "Enter the account holder's name.", field: null }
  const account = entry.type === "sepa_debit" ? testIban(entry.iban) : testUsBankAccount(entry.routing, entry.account)
  if (!account) {
    return {
      kind: "declined",
      message: entry.type === "sepa_debit" ? "Your IBAN is invalid." : "Your routing or account number is invalid.",
      field: null,
    }
  }
  const pm = bankPaymentMethod(scope, account, billing(email, entry.name))
  const intent = checkoutIntent(scope, session, email, entry.name)
  intent.payment_method = pm.id
  const charge = createCharge(scope, {
    intent,
    paymentMethod: pm,
    methodDetails: bankChargeDetails(account, pm, newId.mandate()),
    capture: true,
    pending: true,
  })
  intent.latest_charge = charge.id
  intent.last_payment_error = null
  intent.status = "processing"
  scope.emit("charge.pending", charge)
  scope.emit("payment_intent.processing", intent)
  return complete(scope, session, intent)
}

function decline(failure: BankFailure) {
  return {
    code: failure.code,
    decline_code: failure.code,
    message: failure.message,
    outcome: {
      network_status: "declined_by_network" as const,
      type: "issuer_declined" as const,
      reason: failure.code,
      risk_level: "normal",
      seller_message: failure.message,
    },
  }
}

function failIntent(scope: Scope, intent: Stripe.PaymentIntent, charge: Stripe.Charge, failure: BankFailure) {
  const pm = scope.data.paymentMethods.get(idOf(intent.payment_method) ?? "")
  intent.status = "requires_payment_method"
  intent.latest_charge = charge.id
  intent.last_payment_error = {
    charge: charge.id,
    code: failure.code,
    message: failure.message,
    payment_method: pm ? structuredClone(pm) : undefined,
    type: "invalid_request_error",
  }
  intent.payment_method = null
  scope.emit("charge.failed", charge)
  scope.emit("payment_intent.payment_failed", intent)
}

/** The Checkout Session a PaymentIntent belongs to, if one made it. */
function sessionOf(scope: Scope, intent: Stripe.PaymentIntent): Stripe.Checkout.Session | undefined {
  return scope.data.checkoutSessions.newestFirst().find((s) => idOf(s.payment_intent) === intent.id)
}

/**
 * The bank's answer to a processing debit: the test account decides (or `outcome` overrides it). Success
 * pays the charge and the PaymentIntent and sends `checkout.session.async_payment_succeeded`; failure fails
 * them (the PaymentIntent asks for another payment method) and sends `checkout.session.async_payment_failed`.
 */
export function settleBankDebit(scope: Scope, intent: Stripe.PaymentIntent, outcome?: "succeeded" | "failed"): Stripe.PaymentIntent {
  if (intent.status !== "processing") {
    throw unexpectedState(
      "payment_intent_unexpected_state",
      `Only a processing PaymentIntent can be settled (this one is ${intent.status}).`
    )
  }
  const charge = scope.data.charges.get(idOf(intent.latest_charge) ?? "")
  const pm = scope.data.paymentMethods.get(idOf(intent.payment_method) ?? "")
  const account = pm ? accountOf(pm) : undefined
  if (!charge || !pm || !account) throw invalidRequest("This PaymentIntent is not a bank debit of a test account.")
  // The control API may fail a debit of an account that would succeed (a return, a closed account, ...).
  const failure = outcome === "succeeded" ? undefined : outcome === "failed" ? (account.failure ?? INSUFFICIENT_FUNDS) : account.failure
  const session = sessionOf(scope, intent)
  if (failure) {
    charge.status = "failed"
    charge.captured = false
    charge.amount_captured = 0
    charge.failure_code = failure.code
    charge.failure_message = failure.message
    failIntent(scope, intent, charge, failure)
    if (session) scope.emit("checkout.session.async_payment_failed", session)
    return intent
  }
  charge.status = "succeeded"
  charge.paid = true
  charge.balance_transaction = recordBalanceTransaction(scope, charge.amount, charge.currency, "charge", charge.id, charge.description).id
  if (charge.outcome) charge.outcome.seller_message = "Payment complete."
  intent.status = "succeeded"
  intent.amount_received = intent.amount
  scope.emit("charge.succeeded", charge)
  scope.emit("payment_intent.succeeded", intent)
  if (session) {
    session.payment_status = "paid"
    scope.emit("checkout.session.async_payment_succeeded", session)
  }
  return intent
}
