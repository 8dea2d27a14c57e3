import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { orderLockKey } from "../orders/order-lock"
import { linkState } from "../payment-links/find-link"
import { sendPaymentLinkEmail } from "../payment-links/send-payment-link-email"
import { payPageUrl } from "../payment-links/token"
import { paymentMethodLabel } from "../stripe/payment-method-label"

type Attempt = Awaited<ReturnType<StripeCollectModuleService["retrievePaymentAttempt"]>>

const ledgerOf = (container: MedusaContainer) => container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)

/** Bank debits are the only payments a Checkout completes unpaid with its PaymentIntent still processing. */
export const isProcessing = (intent: Stripe.PaymentIntent) => intent.status === "processing"

/** The bank refused the debit (or Stripe canceled it): the PaymentIntent wants another payment method. */
export const bankRefused = (intent: Stripe.PaymentIntent) => intent.status === "requires_payment_method" || intent.status === "canceled"

/**
 * A link paid by a bank debit that has not settled: the attempt and the link are "processing" and the order's
 * activity says how ("SEPA Direct Debit •••• 3000 · processing"). Nothing is recorded; the amount is held
 * (charges, other links and Medusa's "Mark as paid" leave it alone) until Stripe says how the debit ended.
 */
export async function holdProcessingPayment(
  container: MedusaContainer,
  attempt: Attempt,
  intent: Stripe.PaymentIntent,
  /** The caller holds the order's lock already. */
  locked = false
): Promise<"processing"> {
  return withOrderLock(container, attempt.order_id, locked, async () => {
    const ledger = ledgerOf(container)
    const current = await ledger.retrievePaymentAttempt(attempt.id)
    if (current.status !== "open" && current.status !== "pending") return "processing" as const
    await ledger.settleAttempt(
      current.id,
      {
        status: "processing",
        payment_intent_id: intent.id,
        livemode: intent.livemode,
        method: paymentMethodLabel(intent) ?? "Bank payment",
      },
      current
    )
    if (current.payment_link_id) {
      await ledger.updatePaymentLinks({ id: current.payment_link_id, status: "processing", payment_intent_id: intent.id })
    }
    return "processing" as const
  })
}

/**
 * The bank refused a link's debit: nothing is recorded, the attempt is failed, the link opens again (a new
 * Pay press opens a new Checkout), the customer is emailed the pay link, and the order's activity says why.
 * Runs once: a repeated or late event finds the attempt failed already.
 */
export async function reopenAfterFailedPayment(
  container: MedusaContainer,
  attempt: Attempt,
  session: Stripe.Checkout.Session,
  intent: Stripe.PaymentIntent,
  /** The caller holds the order's lock already. */
  locked = false
): Promise<"payment_failed"> {
  const failed = await withOrderLock(container, attempt.order_id, locked, async () => {
    const ledger = ledgerOf(container)
    const current = await ledger.retrievePaymentAttempt(attempt.id)
    if (current.status !== "processing" && current.status !== "open" && current.status !== "pending") return null
    const method = paymentMethodLabel(intent) ?? current.message ?? "The bank payment"
    const reason = intent.last_payment_error?.message ?? "The bank did not accept the payment."
    await ledger.settleAttempt(
      current.id,
      {
        status: "failed",
        failure_code: intent.last_payment_error?.code ?? "payment_failed",
        message: `${method} failed: ${reason} Nothing was taken; the payment link is open again.`,
        payment_intent_id: intent.id,
      },
      current
    )
    if (!current.payment_link_id) return null
    const link = await ledger.retrievePaymentLink(current.payment_link_id)
    if (link.status !== "processing" && link.checkout_session_id !== session.id) return null
    // The failed Checkout stays the link's last one: the next Pay press's key names it, so Stripe opens a new one.
    const reopened = await ledger.updatePaymentLinks({
      id: link.id,
      status: link.status === "processing" ? "viewed" : link.status,
      payment_intent_id: null,
    })
    return { link: reopened, method, reason }
  })
  if (failed && linkState(failed.link) === "open")
    await emailFailedPayment(container, failed.link, session, failed.method, failed.reason, attempt.id)
  return "payment_failed"
}

async function withOrderLock<T>(container: MedusaContainer, orderId: string, locked: boolean, work: () => Promise<T>): Promise<T> {
  if (locked) return work()
  return container.resolve(Modules.LOCKING).execute(orderLockKey(orderId), work, { timeout: 30 })
}

/** The backend's public URL the link's own Checkout was opened from (its cancel URL is our return route, formerly the pay page). */
function publicUrlOf(session: Stripe.Checkout.Session): string | null {
  const configured = process.env.STRIPE_COLLECT_PUBLIC_URL ?? process.env.MEDUSA_BACKEND_URL
  const cancel = session.cancel_url?.match(/^(.*?)\/stripe-collect\/(?:return|pay)\//)?.[1]
  return cancel && /^https?:\/\//.test(cancel) ? cancel : (configured ?? null)
}

async function emailFailedPayment(
  container: MedusaContainer,
  link: Awaited<ReturnType<StripeCollectModuleService["retrievePaymentLink"]>>,
  session: Stripe.Checkout.Session,
  method: string,
  reason: string,
  attemptId: string
) {
  const ledger = ledgerOf(container)
  const publicUrl = publicUrlOf(session)
  const email = publicUrl
    ? await sendPaymentLinkEmail(container, {
        link: { ...link, amount: Number(link.amount) },
        pay_url: payPageUrl(container, publicUrl, link.token_nonce),
        kind: "payment_failed",
        failed_payment: { method, reason, key: attemptId },
      })
    : ({ sent: false, error: "the backend's public URL is unknown (set STRIPE_COLLECT_PUBLIC_URL)" } as const)
  if (!email.sent) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`stripe-collect: could not email ${link.email} about a failed bank payment: ${email.error}`)
  }
  await ledger.createActivities([
    {
      order_id: link.order_id,
      kind: "payment_link",
      status: email.sent ? "emailed" : "email_failed",
      operation: "payment_link_payment_failed",
      amount: Number(link.amount),
      currency_code: link.currency_code,
      payment_link_id: link.id,
      message: email.sent
        ? `Told ${link.email} the bank payment failed and sent the link again`
        : `Could not tell ${link.email} the bank payment failed: ${email.error}`,
    },
  ])
}
