import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { collectableAmount, type OrderBalance } from "../../../orders/order-balance"
import { assertPayableAmount } from "../../charge-order-card/steps/validate-charge"

export const DEFAULT_LINK_DAYS = 30
export const MAX_LINK_DAYS = 365
export const MAX_MESSAGE_LENGTH = 1000
const DAY = 86_400_000

export type PaymentLinkRequest = {
  amount?: number
  email?: string
  message?: string | null
  expires_at?: string | Date
}

export type ValidPaymentLink = {
  amount: number
  email: string
  message: string | null
  expires_at: Date
}

// Stricter than "has an @": no spaces, no line breaks (header injection), one @, a dotted domain.
const EMAIL = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\]{2,}$/

/** Fills the defaults (outstanding amount, the order's email, 30 days) and checks every field. */
export function validatePaymentLink(order: OrderBalance, request: PaymentLinkRequest, now = new Date()): ValidPaymentLink {
  const amount = request.amount ?? collectableAmount(order)
  assertPayableAmount(order, amount)

  const email = (request.email ?? order.email ?? order.customer?.email ?? "").trim()
  if (!email) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "email is required: the order has no customer email")
  }
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `email "${email.slice(0, 80)}" is not a valid email address`)
  }

  const message = request.message?.trim() || null
  if (message && message.length > MAX_MESSAGE_LENGTH) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `message is ${message.length} characters; at most ${MAX_MESSAGE_LENGTH} are allowed`
    )
  }

  const expiresAt = request.expires_at ? new Date(request.expires_at) : new Date(now.getTime() + DEFAULT_LINK_DAYS * DAY)
  if (Number.isNaN(expiresAt.getTime())) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be a date")
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be in the future")
  }
  if (expiresAt.getTime() > now.getTime() + MAX_LINK_DAYS * DAY) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be within one year")
  }
  return { amount, email, message, expires_at: expiresAt }
}

export const validatePaymentLinkStep = createStep(
  "stripe-collect-validate-payment-link",
  async (input: { order: OrderBalance; request: PaymentLinkRequest }) => {
    return new StepResponse(validatePaymentLink(input.order, input.request))
  }
)
