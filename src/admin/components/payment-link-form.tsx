import { Alert, Button, Drawer } from "@medusajs/ui"
import type { FormEvent } from "react"
import { useState } from "react"
import { emailProblem } from "../lib/email-address"
import { amountInputText, amountProblem, currencyDecimals, parseAmountInput } from "../lib/money"
import { DEFAULT_EXPIRY_DAYS, defaultExpiryDay, expiryDayToIso, expiryProblem } from "../lib/payment-link-expiry"
import type { CreatedPaymentLink, OrderStripeState } from "../lib/stripe-collect-order"
import { useCreatePaymentLink } from "../lib/use-payment-link-actions"
import { AmountField } from "./amount-field"
import { EmailField } from "./email-field"
import { ExpiryField } from "./expiry-field"
import { MessageField } from "./message-field"
import { TermsField } from "./terms-field"
import { dueDayOf, dueDayProblem, plusDays, storeToday, type PaymentTerms } from "../lib/payment-terms"

type Props = {
  state: OrderStripeState
  /** Pre-filled amount (e.g. from a charge that needed the customer); the outstanding amount otherwise. */
  initialAmount?: number
  onBusyChange: (busy: boolean) => void
  onCreated: (link: CreatedPaymentLink) => void
}

/** Send payment link: recipient, amount, message and expiry, then Generate link. */
export function PaymentLinkForm({ state, initialAmount, onBusyChange, onCreated }: Props) {
  const { order, customer } = state
  const currency = order.currency_code
  const [email, setEmail] = useState(customer.email ?? "")
  const [amountText, setAmountText] = useState(amountInputText(initialAmount ?? order.outstanding, currencyDecimals(currency)))
  const [message, setMessage] = useState("")
  const [expiryDay, setExpiryDay] = useState(defaultExpiryDay())
  const [expiryTouched, setExpiryTouched] = useState(false)
  const timeZone = state.time_zone ?? "UTC"
  const [terms, setTerms] = useState<PaymentTerms>("due_on_receipt")
  const [chosenDueDay, setChosenDueDay] = useState(plusDays(storeToday(timeZone), 30))
  const [submitted, setSubmitted] = useState(false)
  const create = useCreatePaymentLink(order.id)
  const dueDay = dueDayOf(terms, chosenDueDay, timeZone)

  // Until the admin picks an expiry, the link stays open 30 days past the due date (as the server does by default).
  const followDueDate = (nextDue: string | null) => {
    if (expiryTouched || !nextDue) return
    const fallback = defaultExpiryDay()
    const pastDue = plusDays(nextDue, DEFAULT_EXPIRY_DAYS)
    setExpiryDay(pastDue > fallback ? pastDue : fallback)
  }
  const onTermsChange = (next: PaymentTerms) => {
    setTerms(next)
    followDueDate(dueDayOf(next, chosenDueDay, timeZone))
  }
  const onDueDayChange = (day: string) => {
    setChosenDueDay(day)
    followDueDate(dueDayOf("date", day, timeZone))
  }

  const amount = parseAmountInput(amountText)
  const problems = {
    email: emailProblem(email),
    amount: amountProblem(amount, order.outstanding, currency),
    expiry: expiryProblem(expiryDay),
    due: dueDayProblem(terms, dueDay, expiryDay, timeZone),
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    const expiresAt = expiryDayToIso(expiryDay)
    if (create.isPending || problems.email || problems.amount || problems.due || amount === null || !expiresAt) return
    onBusyChange(true)
    create.mutate(
      {
        amount,
        email: email.trim(),
        message: message.trim() || undefined,
        expires_at: expiresAt,
        terms,
        ...(terms === "date" && dueDay ? { due_date: dueDay } : {}),
      },
      {
        onSuccess: ({ payment_link }) => onCreated(payment_link),
        onSettled: () => onBusyChange(false),
      }
    )
  }

  return (
    <form className="flex min-h-0 flex-1 flex-col" onSubmit={submit} noValidate>
      <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
        <EmailField value={email} onChange={setEmail} problem={submitted ? problems.email : null} disabled={create.isPending} />
        <AmountField
          id="stripe-collect-link-amount"
          label="Amount"
          currencyCode={currency}
          outstanding={order.outstanding}
          value={amountText}
          onChange={setAmountText}
          testId="stripe-collect-link-amount"
          disabled={create.isPending}
          autoFocus
        />
        <MessageField value={message} onChange={setMessage} disabled={create.isPending} />
        <TermsField
          terms={terms}
          onTermsChange={onTermsChange}
          dueDay={chosenDueDay}
          onDueDayChange={onDueDayChange}
          dueDate={dueDay}
          timeZone={timeZone}
          problem={submitted ? problems.due : null}
          minDay={storeToday(timeZone)}
          disabled={create.isPending}
        />
        <ExpiryField
          value={expiryDay}
          onChange={(day) => {
            setExpiryTouched(true)
            setExpiryDay(day)
          }}
          problem={submitted ? problems.expiry : null}
          disabled={create.isPending}
        />
        {create.error && (
          <Alert variant="error" data-testid="stripe-collect-link-error">
            <span role="alert">{create.error.message}</span>
          </Alert>
        )}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button" disabled={create.isPending}>
            Cancel
          </Button>
        </Drawer.Close>
        <Button size="small" type="submit" isLoading={create.isPending} data-testid="stripe-collect-link-submit">
          Generate link
        </Button>
      </Drawer.Footer>
    </form>
  )
}
