/**
 * How the card of an admin charge reached us, as card networks classify it:
 * - `card_on_file`: a card the customer saved earlier, charged without them (merchant-initiated, `off_session`);
 * - `mail_phone_order`: a card the customer read out, typed by staff who ticked "Mail/phone order" (MOTO);
 * - `customer_not_present`: a typed card (or a Stripe test card) without that box; if the bank wants the
 *   customer to authenticate, the charge fails with the offer to send a payment link instead.
 */
export type CardEntry = "card_on_file" | "mail_phone_order" | "customer_not_present"

/** Where the card came from, as checked against Stripe before anything is charged. */
export type CardSource = "card_on_file" | "typed_card" | "test_card"

/** What the merchant reads for each kind, on the activity line and in Stripe's metadata. */
export const CARD_ENTRY_LABELS: Record<CardEntry, string> = {
  card_on_file: "Card on file, charged without the customer",
  mail_phone_order: "Mail/phone order",
  customer_not_present: "Card typed by staff, customer not present",
}

export function cardEntryOf(source: CardSource, mailPhoneOrder: boolean): CardEntry {
  if (source === "card_on_file") return "card_on_file"
  return mailPhoneOrder ? "mail_phone_order" : "customer_not_present"
}

/** The PaymentIntent flags each kind is sent with (confirmation-time parameters). */
export function chargeFlagsOf(entry: CardEntry): { off_session: boolean; moto: boolean; error_on_requires_action: boolean } {
  switch (entry) {
    case "card_on_file":
      return { off_session: true, moto: false, error_on_requires_action: false }
    case "mail_phone_order":
      return { off_session: false, moto: true, error_on_requires_action: false }
    case "customer_not_present":
      // Nobody can answer a 3-D Secure challenge here: fail at once, with the link offer.
      return { off_session: false, moto: false, error_on_requires_action: true }
  }
}

/** The sentence shown beside "Save the card" and recorded with the consent (activity line and card metadata). */
export const SAVE_CARD_CONSENT =
  "The customer agrees that the store keeps this card and charges it for this order's remaining balance and future orders they place with the store."
