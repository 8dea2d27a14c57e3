// How statuses read and which badge colour they get, matching the dashboard's own wording.

export type BadgeColor = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const PAYMENT_STATUS: Record<string, [string, BadgeColor]> = {
  not_paid: ["Not paid", "red"],
  awaiting: ["Awaiting", "orange"],
  authorized: ["Authorized", "orange"],
  partially_authorized: ["Partially authorized", "red"],
  captured: ["Captured", "green"],
  partially_captured: ["Partially captured", "orange"],
  refunded: ["Refunded", "red"],
  partially_refunded: ["Partially refunded", "orange"],
  canceled: ["Canceled", "red"],
  requires_action: ["Requires action", "orange"],
}

const sentenceCase = (value: string) => {
  const words = value.replace(/_/g, " ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Medusa's order payment status, worded as its Payments section words it. */
export function paymentStatusDisplay(status: string): { label: string; color: BadgeColor } {
  const [label, color] = PAYMENT_STATUS[status] ?? [sentenceCase(status), "grey"]
  return { label, color }
}

const LINK_STATUS_COLOR: Record<string, BadgeColor> = {
  sent: "blue",
  viewed: "orange",
  processing: "orange",
  paid: "green",
  canceled: "grey",
  expired: "grey",
}

export function linkStatusDisplay(status: string): { label: string; color: BadgeColor } {
  return { label: sentenceCase(status), color: LINK_STATUS_COLOR[status] ?? "grey" }
}

const GOOD = ["succeeded", "paid", "captured", "completed", "sent", "resent", "refunded", "delivered", "won", "warning_closed", "prevented"]
const BAD = [
  "failed",
  "declined",
  "error",
  "canceled_with_error",
  "lost",
  "needs_response",
  "warning_needs_response",
  "appeal_needs_response",
]
const WAITING = [
  "pending",
  "processing",
  "requires_action",
  "authentication_required",
  "viewed",
  "created",
  "under_review",
  "warning_under_review",
  "appeal_under_review",
]

export function activityStatusDisplay(status: string): { label: string; color: BadgeColor } {
  const color: BadgeColor = GOOD.includes(status) ? "green" : BAD.includes(status) ? "red" : WAITING.includes(status) ? "orange" : "grey"
  return { label: sentenceCase(status), color }
}

const ACTIVITY_KIND: Record<string, string> = {
  charge: "Card charge",
  payment_link: "Payment link",
  refund: "Refund",
  dispute: "Dispute",
  webhook: "Stripe event",
  error: "Error",
}

export function activityKindLabel(kind: string): string {
  return ACTIVITY_KIND[kind] ?? sentenceCase(kind)
}

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  jcb: "JCB",
  diners: "Diners Club",
  unionpay: "UnionPay",
  cartes_bancaires: "Cartes Bancaires",
}

/** "Visa •••• 4242", or null when the card is unknown. */
export function cardLabel(brand: string | null, last4: string | null): string | null {
  if (!brand && !last4) return null
  const name = brand ? (BRANDS[brand.toLowerCase()] ?? sentenceCase(brand)) : "Card"
  return last4 ? `${name} •••• ${last4}` : name
}
