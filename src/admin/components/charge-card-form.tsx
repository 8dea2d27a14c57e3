import { Button, Checkbox, Drawer, Label, Text, toast } from "@medusajs/ui"
import type { FormEvent } from "react"
import { useMemo, useRef, useState } from "react"
import { billingDetailsOf } from "../lib/billing-details"
import { chargeProblemFrom, chargeProblemFromStripeJs, type ChargeProblem } from "../lib/charge-problem"
import { amountInputText, amountProblem, currencyDecimals, formatMoney, parseAmountInput } from "../lib/money"
import { cardLabel } from "../lib/status-display"
import type { ChargeCardResponse, OrderStripeState } from "../lib/stripe-collect-order"
import { useChargeOrderCard } from "../lib/use-charge-order-card"
import { AmountField } from "./amount-field"
import { CardChoices, NEW_CARD } from "./card-choices"
import { ChargeProblemAlert } from "./charge-problem-alert"
import { CustomerDetails } from "./customer-details"
import { NewCardField, type NewCardHandle } from "./new-card-field"

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
  const { order, customer, cards_on_file: cards, test_cards: testCards, new_card: newCardSetup } = state
  const currency = order.currency_code
  const [amountText, setAmountText] = useState(amountInputText(order.outstanding, currencyDecimals(currency)))
  const [paymentMethod, setPaymentMethod] = useState(cards[0]?.id ?? testCards[0]?.id ?? (newCardSetup ? NEW_CARD : ""))
  const [problem, setProblem] = useState<ChargeProblem | null>(null)
  const [saveCard, setSaveCard] = useState(false)
  const [mailPhoneOrder, setMailPhoneOrder] = useState(false)
  const [readingCard, setReadingCard] = useState(false)
  const newCard = useRef<NewCardHandle>(null)
  // The PaymentMethod Stripe.js made from the typed card: a retry of the same charge reuses it (and so
  // its Idempotency-Key) instead of making another; any edit of the card forgets it.
  const madeFromTypedCard = useRef<string | null>(null)
  const charge = useChargeOrderCard(order.id)
  const billingDetails = useMemo(() => billingDetailsOf(customer), [customer])

  const amount = parseAmountInput(amountText)
  const amountIsValid = amountProblem(amount, order.outstanding, currency) === null
  const amountLabel = amount !== null && amountIsValid ? formatMoney(amount, currency) : null
  const hasCards = cards.length + testCards.length > 0 || newCardSetup !== null
  const usingNewCard = paymentMethod === NEW_CARD && newCardSetup !== null
  // A card the customer reads out (typed, or a test card standing in for one): never a card on file.
  const cardGivenNow = usingNewCard || testCards.some((card) => card.id === paymentMethod)
  const offerMailPhoneOrder = state.mail_phone_order_available === true && cardGivenNow
  const busy = charge.isPending || readingCard

  // A typed card first becomes a PaymentMethod in Stripe.js; its errors stay in the popup.
  const typedCardPaymentMethod = async (): Promise<string | null> => {
    if (madeFromTypedCard.current) return madeFromTypedCard.current
    setReadingCard(true)
    const result = await (newCard.current?.createPaymentMethod() ??
      Promise.resolve({ error: { type: "not_ready", message: "Stripe's card field is not ready yet." } }))
    setReadingCard(false)
    if (result.error) {
      // Stripe.js's validation messages already show under its field.
      if (result.error.type !== "validation_error") setProblem(chargeProblemFromStripeJs(result.error))
      return null
    }
    madeFromTypedCard.current = result.paymentMethod.id
    return result.paymentMethod.id
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || amount === null || !amountIsValid || !paymentMethod) return
    setProblem(null)
    onBusyChange(true)
    const method = usingNewCard ? await typedCardPaymentMethod() : paymentMethod
    if (!method) {
      onBusyChange(false)
      return
    }
    charge.mutate(
      {
        amount,
        payment_method: method,
        ...(usingNewCard && saveCard ? { save_card: true } : {}),
        ...(offerMailPhoneOrder && mailPhoneOrder ? { mail_phone_order: true } : {}),
      },
      {
        onSuccess: (response) => {
          announceCharge(response, order.display_id)
          onCharged()
        },
        onError: (error) => {
          const next = chargeProblemFrom(error)
          setProblem(next)
          // Only an unknown outcome is retried as the same charge; anything else starts afresh.
          if (next.kind !== "retryable") madeFromTypedCard.current = null
        },
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
          disabled={busy}
          autoFocus
        />
        {hasCards ? (
          <CardChoices
            cards={cards}
            testCards={testCards}
            newCard={newCardSetup !== null}
            newCardField={
              newCardSetup && (
                <NewCardField
                  ref={newCard}
                  setup={newCardSetup}
                  billingDetails={billingDetails}
                  disabled={busy}
                  canSaveCard={customer.id !== null}
                  consentText={state.save_card_consent}
                  saveCard={saveCard}
                  onSaveCardChange={setSaveCard}
                  onCardEdited={() => {
                    madeFromTypedCard.current = null
                  }}
                />
              )
            }
            value={paymentMethod}
            onChange={(next) => {
              setPaymentMethod(next)
              setProblem(null)
            }}
            disabled={busy}
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
        {offerMailPhoneOrder && (
          <div className="flex items-start gap-x-2">
            <Checkbox
              id="stripe-collect-mail-phone-order"
              checked={mailPhoneOrder}
              onCheckedChange={(checked) => setMailPhoneOrder(checked === true)}
              disabled={busy}
              data-testid="stripe-collect-mail-phone-order"
            />
            <div className="flex flex-col gap-y-0.5">
              <Label htmlFor="stripe-collect-mail-phone-order" size="small">
                Mail/phone order
              </Label>
              <Text size="xsmall" className="text-ui-fg-subtle">
                The customer gave you this card by phone or mail. Without it, a card whose bank wants the customer to confirm is refused,
                and you can send a payment link instead.
              </Text>
            </div>
          </div>
        )}
        {!newCardSetup && (
          <Text size="xsmall" className="text-ui-fg-subtle" data-testid="stripe-collect-new-card-unavailable">
            To type a new card here, give the Stripe provider your publishable key (option publishableKey, or STRIPE_PUBLISHABLE_KEY in the
            demo app).
          </Text>
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
          <Button size="small" variant="secondary" type="button" disabled={busy}>
            Cancel
          </Button>
        </Drawer.Close>
        <Button
          size="small"
          type="submit"
          isLoading={busy}
          disabled={!hasCards || !amountLabel || !paymentMethod}
          data-testid="stripe-collect-charge-submit"
        >
          {amountLabel ? `Charge ${amountLabel}` : "Charge"}
        </Button>
      </Drawer.Footer>
    </form>
  )
}
