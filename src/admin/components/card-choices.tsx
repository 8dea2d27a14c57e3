import { RadioGroup, Text } from "@medusajs/ui"
import { cardLabel } from "../lib/status-display"
import type { CardOnFile, StripeTestCard } from "../lib/stripe-collect-order"

type Props = {
  cards: CardOnFile[]
  testCards: StripeTestCard[]
  value: string
  onChange: (paymentMethodId: string) => void
  disabled?: boolean
}

const expiry = (card: CardOnFile) => `Expires ${String(card.exp_month).padStart(2, "0")}/${card.exp_year}`

/** The cards the charge can use: the customer's saved cards and, in test mode, Stripe's test cards. */
export function CardChoices({ cards, testCards, value, onChange, disabled }: Props) {
  return (
    <section className="flex flex-col gap-y-2">
      <Text size="small" weight="plus" id="stripe-collect-card-title">
        Card
      </Text>
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
        {testCards.length > 0 && (
          <Text size="xsmall" className="text-ui-fg-subtle pt-1">
            Stripe test cards — test mode, no real money moves
          </Text>
        )}
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
    </section>
  )
}
