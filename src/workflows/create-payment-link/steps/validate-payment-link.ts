import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { collectableAmount, type OrderBalance } from "../../../orders/order-balance"
import { assertPayableAmount } from "../../charge-order-card/steps/validate-charge"
import {
  addDays,
  calendarDay,
  DEFAULT_PAYMENT_TERMS,
  DEFAULT_TIME_ZONE,
  dueDateFor,
  daysBetween,
  formatCalendarDay,
  isCalendarDay,
  type CalendarDay,
  type PaymentTerms,
} from "../../../payment-links/due-dates"

export const DEFAULT_LINK_DAYS = 30
export const MAX_LINK_DAYS = 365
export const MAX_MESSAGE_LENGTH = 1000
const DAY = 86_400_000

export type PaymentLinkRequest = {
  amount?: number
  email?: string
  message?: string | null
  expires_at?: string | Date
  /** Payment terms; due on receipt unless said (a due_date alone means terms "date"). */
  terms?: PaymentTerms
  /** With terms "date": the due day, YYYY-MM-DD in the store's time zone. */
  due_date?: string
}

export type ValidPaymentLink = {
  amount: number
  email: string
  message: string | null
  expires_at: Date
  terms: PaymentTerms
  due_date: CalendarDay
}

// Stricter than "has an @": no spaces, no line breaks (header injection), one @, a dotted domain.
const EMAIL = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\]{2,}$/

/** Fills the defaults (outstanding amount, the order's email, 30 days) and checks every field. */
export function validatePaymentLink(
  order: OrderBalance,
  request: PaymentLinkRequest,
  now = new Date(),
  timeZone: string = DEFAULT_TIME_ZONE
): ValidPaymentLink {
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

  const { terms, due_date } = validTerms(request, now, timeZone)
  // By default the link outlives its due date by 30 days, so reminders after the due date can still be paid.
  const termDays = daysBetween(calendarDay(now, timeZone), due_date)
  const defaultExpiry = now.getTime() + Math.min(DEFAULT_LINK_DAYS + termDays, MAX_LINK_DAYS) * DAY
  const expiresAt = request.expires_at ? new Date(request.expires_at) : new Date(defaultExpiry)
  if (Number.isNaN(expiresAt.getTime())) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be a date")
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be in the future")
  }
  if (expiresAt.getTime() > now.getTime() + MAX_LINK_DAYS * DAY) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be within one year")
  }
  if (calendarDay(expiresAt, timeZone) < due_date) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `expires_at is before the due date (${formatCalendarDay(due_date)}): the customer must be able to pay until the due date; choose a later expiry or shorter terms`
    )
  }
  return { amount, email, message, expires_at: expiresAt, terms, due_date }
}

/** The terms and the due date they give, counted from today in the store's time zone (the issue day). */
export function validTerms(request: PaymentLinkRequest, now: Date, timeZone: string): { terms: PaymentTerms; due_date: CalendarDay } {
  const terms = request.terms ?? (request.due_date ? "date" : DEFAULT_PAYMENT_TERMS)
  const issueDay = calendarDay(now, timeZone)
  if (terms !== "date") {
    if (request.due_date) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `due_date is given only with terms "date" (terms are "${terms}")`)
    }
    return { terms, due_date: dueDateFor(terms, issueDay) }
  }
  if (!request.due_date) throw new MedusaError(MedusaError.Types.INVALID_DATA, 'terms "date" need a due_date (YYYY-MM-DD)')
  if (!isCalendarDay(request.due_date)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `due_date "${request.due_date.slice(0, 20)}" is not a calendar day (YYYY-MM-DD)`)
  }
  if (request.due_date < issueDay) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `due_date must be today (${issueDay} in ${timeZone}) or later`)
  }
  if (request.due_date > addDays(issueDay, MAX_LINK_DAYS)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "due_date must be within one year")
  }
  return { terms, due_date: request.due_date }
}

export const validatePaymentLinkStep = createStep(
  "stripe-collect-validate-payment-link",
  async (input: { order: OrderBalance; request: PaymentLinkRequest; time_zone: string }) => {
    return new StepResponse(validatePaymentLink(input.order, input.request, new Date(), input.time_zone))
  }
)
