import { Button, Drawer, Text, toast } from "@medusajs/ui"
import type { FormEvent } from "react"
import { useState } from "react"
import { chargeProblemFrom, type ChargeProblem } from "../lib/charge-problem"
import { amountInputText, amountProblem, currencyDecimals, formatMoney, parseAmountInput } from "../lib/money"
import { cardLabel } from "../lib/status-display"
import type { ChargeCardResponse, OrderStripeState } from "../lib/stripe-collect-order"
import { useChargeOrderCard } from "../lib/use-charge-order-card"
import { AmountField } from "./amount-field"
import { CardChoices } from "./card-choices"
import { ChargeProblemAlert } from "./charge-problem-alert"
import { CustomerDetails } from "./customer-details"

type Props = {
  state: OrderStripeState
  onBusyChange: (busy: boolean) => void
  onCharged: () => void
  onSendLinkInstead: (amount: number) => void
}

// The toast after a successful charge: what was taken, from which card, and what is left.
function announceCharge({ charge, order }: ChargeCardResponse, displayId: number) {
  const card = cardLabel(charge.card_brand, charge.card_last4)
  const left =
    typeof order.outstanding === "number" && order.outstanding > 0
      ? `${formatMoney(order.outstanding, charge.currency_code)} is still outstanding.`
      : `Order #${displayId} is paid in full.`
  toast.success(`Charged ${formatMoney(charge.amount, charge.currency_code)}`, {
    description: [card, left].filter(Boolean).join(" · "),
  })
}

/** Charge card: the customer, the amount (outstanding pre-filled) and the card, then Charge. */
export function ChargeCardForm({ state, onBusyChange, onCharged, onSendLinkInstead }: Props) {
  const { order, customer, cards_on_file: cards, test_cards: testCards } = state
  const currency = order.currency_code
  const [amountText, setAmountText] = useState(amountInputText(order.outstanding, currencyDecimals(currency)))
  const [paymentMethod, setPaymentMethod] = useState(cards[0]?.id ?? testCards[0]?.id ?? "")
  const [problem, setProblem] = useState<ChargeProblem | null>(null)
  const charge = useChargeOrderCard(order.id)

  const amount = parseAmountInput(amountText)
  const amountIsValid = amountProblem(amount, order.outstanding, currency) === null
  const amountLabel = amount !== null && amountIsValid ? formatMoney(amount, currency) : null
  const hasCards = cards.length + testCards.length > 0

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (charge.isPending || amount === null || !amountIsValid || !paymentMethod) return
    setProblem(null)
    onBusyChange(true)
    charge.mutate(
      { amount, payment_method: paymentMethod },
      {
        onSuccess: (response) => {
          announceCharge(response, order.display_id)
          onCharged()
        },
        onError: (error) => setProblem(chargeProblemFrom(error)),
        onSettled: () => onBusyChange(false),
      }
    )
  }

  return (
    <form className="flex min-h-0 flex-1 flex-col" onSubmit={submit} noValidate>
      <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
        <CustomerDetails customer={customer} />
        <AmountField
          id="stripe-collect-charge-amount"
          label="Amount"
          currencyCode={currency}
          outstanding={order.outstanding}
          value={amountText}
          onChange={(next) => {
            setAmountText(next)
            setProblem(null)
          }}
          testId="stripe-collect-charge-amount"
          disabled={charge.isPending}
          autoFocus
        />
        {hasCards ? (
          <CardChoices
            cards={cards}
            testCards={testCards}
            value={paymentMethod}
            onChange={(next) => {
              setPaymentMethod(next)
              setProblem(null)
            }}
            disabled={charge.isPending}
          />
        ) : (
          <div className="flex flex-col items-start gap-y-2" data-testid="stripe-collect-no-cards">
            <Text size="small" className="text-ui-fg-subtle">
              This customer has no saved card in Stripe. Email them a payment link to pay by card instead.
            </Text>
            <Button
              size="small"
              variant="secondary"
              type="button"
              onClick={() => onSendLinkInstead(amount !== null && amountIsValid ? amount : order.outstanding)}
            >
              Send payment link instead
            </Button>
          </div>
        )}
        {problem && (
          <ChargeProblemAlert
            problem={problem}
            amountLabel={amountLabel ?? formatMoney(order.outstanding, currency)}
            onSendLinkInstead={() => onSendLinkInstead(amount !== null && amountIsValid ? amount : order.outstanding)}
          />
        )}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button" disabled={charge.isPending}>
            Cancel
          </Button>
        </Drawer.Close>
        <Button
          size="small"
          type="submit"
          isLoading={charge.isPending}
          disabled={!hasCards || !amountLabel || !paymentMethod}
          data-testid="stripe-collect-charge-submit"
        >
          {amountLabel ? `Charge ${amountLabel}` : "Charge"}
        </Button>
      </Drawer.Footer>
    </form>
  )
}
