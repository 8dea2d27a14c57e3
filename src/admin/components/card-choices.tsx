import { RadioGroup, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { cardLabel } from "../lib/status-display"
import type { CardOnFile, StripeTestCard } from "../lib/stripe-collect-order"

/** The choice of a new card typed into Stripe's card field (not a PaymentMethod id). */
export const NEW_CARD = "new_card"

type Props = {
  cards: CardOnFile[]
  testCards: StripeTestCard[]
  /** Offer "New card" (Stripe.js is configured). */
  newCard: boolean
  /** Stripe's card field, shown right under "New card" while it is chosen. */
  newCardField?: ReactNode
  value: string
  onChange: (paymentMethodId: string) => void
  disabled?: boolean
}

const expiry = (card: CardOnFile) => `Expires ${String(card.exp_month).padStart(2, "0")}/${card.exp_year}`

/**
 * The cards the charge can use: saved cards and a new card typed into Stripe's field, then Stripe's test
 * cards in test mode — two radio groups sharing one value, so the card field sits under its choice.
 */
export function CardChoices({ cards, testCards, newCard, newCardField, value, onChange, disabled }: Props) {
  return (
    <section className="flex flex-col gap-y-2">
      <Text size="small" weight="plus" id="stripe-collect-card-title">
        Card
      </Text>
      {(cards.length > 0 || newCard) && (
        <RadioGroup value={value} onValueChange={onChange} disabled={disabled} aria-labelledby="stripe-collect-card-title">
          {cards.length > 0 && (
            <Text size="xsmall" className="text-ui-fg-subtle">
              Saved cards
            </Text>
          )}
          {cards.map((card) => (
            <RadioGroup.ChoiceBox
              key={card.id}
              value={card.id}
              label={cardLabel(card.brand, card.last4) ?? "Card"}
              description={expiry(card)}
              data-testid={`stripe-collect-card-option-${card.id}`}
            />
          ))}
          {newCard && (
            <RadioGroup.ChoiceBox
              value={NEW_CARD}
              label="New card"
              description="Type the card the customer gives you into Stripe's card field"
              data-testid={`stripe-collect-card-option-${NEW_CARD}`}
            />
          )}
        </RadioGroup>
      )}
      {value === NEW_CARD && newCardField}
      {testCards.length > 0 && (
        <>
          <Text size="xsmall" className="text-ui-fg-subtle pt-2" id="stripe-collect-test-cards-title">
            Stripe test cards — test mode, no real money moves
          </Text>
          <RadioGroup value={value} onValueChange={onChange} disabled={disabled} aria-labelledby="stripe-collect-test-cards-title">
            {testCards.map((card) => (
              <RadioGroup.ChoiceBox
                key={card.id}
                value={card.id}
                label={card.label}
                description={`Stripe test card ${card.id}`}
                data-testid={`stripe-collect-card-option-${card.id}`}
              />
            ))}
          </RadioGroup>
        </>
      )}
    </section>
  )
}
