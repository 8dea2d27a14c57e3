/** Lock key shared by everything that takes money for one order (charges, link payments). */
export const orderLockKey = (orderId: string) => `stripe-collect:order:${orderId}`

/** Activity status of a charge attempt between its start and Stripe's answer. */
export const PENDING_STATUS = "pending"

/** PaymentIntent metadata key holding the charge's Stripe idempotency key (Activity.attempt_key). */
export const ATTEMPT_METADATA_KEY = "stripe_collect_attempt"

export type CardSummary = {
  payment_intent_id: string | null
  brand: string | null
  last4: string | null
  livemode: boolean
}

type Loose = Record<string, unknown> | null | undefined
const obj = (v: unknown): Loose => (v && typeof v === "object" ? (v as Record<string, unknown>) : undefined)
const str = (v: unknown): string | null => (typeof v === "string" ? v : null)

/** Card brand and last four digits from a payment's PaymentIntent data, wherever Stripe put them. */
export function cardOfPayment(data: unknown): CardSummary {
  const intent = obj(data)
  const charge = obj(intent?.latest_charge)
  const chargeCard = obj(obj(charge?.payment_method_details)?.card)
  const methodCard = obj(obj(intent?.payment_method)?.card)
  const card = chargeCard ?? methodCard ?? obj(intent?.card)
  return {
    payment_intent_id: str(intent?.id),
    brand: str(card?.brand),
    last4: str(card?.last4),
    livemode: intent?.livemode === true,
  }
}

export type AccountHolderRow = { id?: string; provider_id: string; external_id: string; data: Record<string, unknown> | null }

/** Our provider's account holder on this Stripe account (a customer of the platform does not exist on a connected one). */
export function holderOn<T extends AccountHolderRow>(
  holders: (T | null)[] | null | undefined,
  providerId: string,
  stripeAccount: string | undefined
): T | undefined {
  return (holders ?? []).find(
    (h): h is T => h?.provider_id === providerId && (h.data?.stripe_account ?? undefined) === (stripeAccount ?? undefined)
  )
}

type AddressLike = {
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
}

/** A billing address as the popup shows it and Stripe's customer takes it: the postal fields only. */
export function postalAddress(address: AddressLike | null | undefined) {
  if (!address) return null
  return {
    address_1: address.address_1 ?? null,
    address_2: address.address_2 ?? null,
    city: address.city ?? null,
    province: address.province ?? null,
    postal_code: address.postal_code ?? null,
    country_code: address.country_code ?? null,
  }
}
