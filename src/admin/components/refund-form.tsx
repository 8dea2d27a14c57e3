import { Alert, Button, CurrencyInput, Drawer, Hint, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import type { FormEvent } from "react"
import { useState } from "react"
import { AdminRequestError } from "../lib/admin-request"
import {
  amountInputText,
  currencyDecimals,
  currencySymbol,
  formatMoney,
  fromMinorUnits,
  parseAmountInput,
  toMinorUnits,
} from "../lib/money"
import type { OrderStripePayment, RefundPaymentResponse } from "../lib/stripe-collect-order"
import { useRefundPayment } from "../lib/use-refund-payment"
import { useRefundReasons } from "../lib/use-refund-reasons"
import { paymentSourceLabel } from "./stripe-payment-row"

const NOTE_MAX_LENGTH = 1000
const NO_REASON = "none"

type Props = {
  orderId: string
  payment: OrderStripePayment
  onBusyChange: (busy: boolean) => void
  onDone: () => void
}

type Problem = { message: string; checking: boolean }

/** Why an amount cannot be refunded, in the merchant's words, or null when it can. */
function refundAmountProblem(amount: number | null, refundable: number, currency: string): string | null {
  const decimals = currencyDecimals(currency)
  if (amount === null) return "Enter an amount."
  const scaled = amount * 10 ** decimals
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    return decimals === 0
      ? `${currency.toUpperCase()} amounts have no decimals.`
      : `${currency.toUpperCase()} amounts have at most ${decimals} decimals.`
  }
  if (toMinorUnits(amount, decimals) <= 0) return "Enter an amount above 0."
  if (toMinorUnits(amount, decimals) > toMinorUnits(refundable, decimals)) {
    return `That is more than the ${formatMoney(refundable, currency)} that can be refunded.`
  }
  return null
}

function announce(response: RefundPaymentResponse) {
  const { refund, order } = response
  const money = formatMoney(refund.amount, refund.currency_code)
  if (refund.status === "checking") {
    toast.warning(`Refund of ${money} is being checked`, {
      description: "Stripe did not answer in time. The refund is recorded as soon as Stripe confirms it — do not refund again.",
    })
    return
  }
  const status = order.payment_status === "refunded" ? "The order is refunded in full." : "The order is partially refunded."
  toast.success(`Refunded ${money}`, { description: `${status} The customer's bank shows it in 5–10 business days.` })
}

/** Refund: the amount (the refundable rest pre-filled), Medusa's refund reason and a note, then Refund. */
export function RefundForm({ orderId, payment, onBusyChange, onDone }: Props) {
  const currency = payment.currency_code
  const decimals = currencyDecimals(currency)
  const [amountText, setAmountText] = useState(amountInputText(payment.refundable, decimals))
  const [reason, setReason] = useState(NO_REASON)
  const [note, setNote] = useState("")
  const [problem, setProblem] = useState<Problem | null>(null)
  const refund = useRefundPayment(orderId)
  const reasons = useRefundReasons(true)

  const amount = parseAmountInput(amountText)
  const amountError = refundAmountProblem(amount, payment.refundable, currency)
  const left =
    amount !== null && !amountError
      ? fromMinorUnits(toMinorUnits(payment.refundable, decimals) - toMinorUnits(amount, decimals), decimals)
      : 0
  const busy = refund.isPending

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (busy || amount === null || amountError) return
    setProblem(null)
    onBusyChange(true)
    refund.mutate(
      { payment_id: payment.id, amount, refund_reason_id: reason === NO_REASON ? null : reason, note: note.trim() || null },
      {
        onSuccess: (response) => {
          announce(response)
          onDone()
        },
        onError: (error) => {
          const retryable = error instanceof AdminRequestError && (error.status === 0 || error.body.retryable === true)
          setProblem({ message: error.message, checking: retryable })
        },
        onSettled: () => onBusyChange(false),
      }
    )
  }

  return (
    <form className="flex min-h-0 flex-1 flex-col" onSubmit={submit} noValidate>
      <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
        <div className="flex flex-col gap-y-1" data-testid="stripe-collect-refund-payment">
          <Text size="small" weight="plus">
            {paymentSourceLabel(payment.source)}
            {payment.method ? ` · ${payment.method}` : ""}
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            Paid {formatMoney(payment.captured, currency)}
            {payment.refunded > 0 ? ` · refunded ${formatMoney(payment.refunded, currency)}` : ""}
            {payment.refund_pending > 0 ? ` · ${formatMoney(payment.refund_pending, currency)} being checked` : ""}
          </Text>
        </div>
        <div className="flex flex-col gap-y-1.5">
          <Label htmlFor="stripe-collect-refund-amount" size="small" weight="plus">
            Amount to refund
          </Label>
          <CurrencyInput
            id="stripe-collect-refund-amount"
            name="stripe-collect-refund-amount"
            code={currency.toUpperCase()}
            symbol={currencySymbol(currency)}
            value={amountText}
            onValueChange={(next) => {
              setAmountText(next ?? "")
              setProblem(null)
            }}
            decimalsLimit={Math.max(decimals, 1)}
            allowNegativeValue={false}
            disableAbbreviations
            inputMode="decimal"
            autoComplete="off"
            disabled={busy}
            aria-invalid={amountError !== null}
            aria-describedby="stripe-collect-refund-amount-hint"
            data-testid="stripe-collect-refund-amount"
            data-autofocus=""
          />
          {amountError ? (
            <Hint variant="error" id="stripe-collect-refund-amount-hint">
              {amountError}
            </Hint>
          ) : left > 0 ? (
            <Hint id="stripe-collect-refund-amount-hint" data-testid="stripe-collect-refund-partial-hint">
              Partial refund: {formatMoney(left, currency)} of this payment stays refundable.
            </Hint>
          ) : (
            <Hint id="stripe-collect-refund-amount-hint">Everything still refundable: {formatMoney(payment.refundable, currency)}.</Hint>
          )}
        </div>
        <div className="flex flex-col gap-y-1.5">
          <Label htmlFor="stripe-collect-refund-reason" size="small" weight="plus">
            Reason (optional)
          </Label>
          <Select value={reason} onValueChange={setReason} disabled={busy || reasons.isPending}>
            <Select.Trigger id="stripe-collect-refund-reason" data-testid="stripe-collect-refund-reason">
              <Select.Value placeholder={reasons.isPending ? "Loading reasons…" : "No reason"} />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={NO_REASON}>No reason</Select.Item>
              {(reasons.data?.refund_reasons ?? []).map((r) => (
                <Select.Item key={r.id} value={r.id}>
                  {r.label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          {reasons.isError ? (
            <Hint variant="error">Medusa's refund reasons could not be loaded; you can refund without one.</Hint>
          ) : (
            <Hint>Medusa's refund reasons (Settings → Refund reasons), kept with the refund.</Hint>
          )}
        </div>
        <div className="flex flex-col gap-y-1.5">
          <Label htmlFor="stripe-collect-refund-note" size="small" weight="plus">
            Note (optional)
          </Label>
          <Textarea
            id="stripe-collect-refund-note"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={NOTE_MAX_LENGTH}
            rows={3}
            disabled={busy}
            data-testid="stripe-collect-refund-note"
          />
          <Hint className="self-end">
            {note.length.toLocaleString()} / {NOTE_MAX_LENGTH.toLocaleString()} characters · only staff see it
          </Hint>
        </div>
        {problem && (
          <Alert variant={problem.checking ? "warning" : "error"} data-testid="stripe-collect-refund-error">
            <div className="flex flex-col gap-y-1" role="alert">
              <Text size="small">{problem.message}</Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {problem.checking
                  ? "Press Refund again to retry with the same details — the customer is never refunded twice."
                  : "Nothing was refunded."}
              </Text>
            </div>
          </Alert>
        )}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button" disabled={busy}>
            Cancel
          </Button>
        </Drawer.Close>
        <Button size="small" type="submit" isLoading={busy} disabled={amountError !== null} data-testid="stripe-collect-refund-submit">
          {amount !== null && !amountError ? `Refund ${formatMoney(amount, currency)}` : "Refund"}
        </Button>
      </Drawer.Footer>
    </form>
  )
}
