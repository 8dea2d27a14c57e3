import { Heading, Text } from "@react-email/components"
import { z } from "@medusajs/framework/zod"
import { SummaryRow } from "./components/summary-row"
import { EmailLayout } from "./components/layout"
import { heading, paragraph } from "./components/styles"
import { formatDate, formatDateTime, formatMoney, formatOrderNumber, moneyTolerance } from "./format"
import { currencyCode, locale, moment, moneyAmount, orderDisplayId } from "./schema"

export const PAYMENT_RECEIVED_TEMPLATE = "stripe-collect.payment-received"

/** A short receipt for the customer. Amounts are in major units of `currency_code`. */
export const paymentReceivedEmailDataSchema = z.object({
  store_name: z.string().min(1),
  order_display_id: orderDisplayId,
  order_date: moment.nullish(),
  customer_name: z.string().nullish(),
  /** How the customer paid: "Visa •••• 4242", "SEPA Direct Debit •••• 3000", "Klarna". */
  payment_method: z.string().min(1).nullish(),
  /** The receipt's number ("INV-2026-0001-2"); the PDF attached to the email carries the same. */
  receipt_number: z.string().min(1).nullish(),
  amount_paid: moneyAmount.refine((amount) => amount > 0, "Expected more than zero"),
  /** What is still outstanding on the order after this payment. */
  remaining_balance: moneyAmount,
  currency_code: currencyCode,
  paid_at: moment.nullish(),
  locale,
})

export type PaymentReceivedEmailData = z.input<typeof paymentReceivedEmailDataSchema>
type PaymentReceivedEmailProps = z.output<typeof paymentReceivedEmailDataSchema>

export function paymentReceivedSubject(data: PaymentReceivedEmailProps): string {
  const paid = formatMoney(data.amount_paid, data.currency_code, data.locale)
  return `Payment received for order ${formatOrderNumber(data.order_display_id)} from ${data.store_name}: ${paid}`
}

export function PaymentReceivedEmail(data: PaymentReceivedEmailProps) {
  const money = (amount: number) => formatMoney(amount, data.currency_code, data.locale)
  const order = formatOrderNumber(data.order_display_id)
  const paidInFull = data.remaining_balance < moneyTolerance(data.currency_code)

  return (
    <EmailLayout preview={`We received ${money(data.amount_paid)} for order ${order}.`} sender={data.store_name}>
      <Heading as="h1" style={heading}>
        Payment received
      </Heading>
      <Text style={paragraph}>
        {data.customer_name ? `Thank you, ${data.customer_name}.` : "Thank you."} {data.store_name} received your payment of{" "}
        {money(data.amount_paid)} for order {order}.
      </Text>
      <table
        data-text-format="dataTable"
        width="100%"
        cellPadding={0}
        cellSpacing={0}
        role="presentation"
        style={{ borderCollapse: "collapse" }}
      >
        <tbody>
          {data.receipt_number ? <SummaryRow label="Receipt" value={data.receipt_number} /> : null}
          <SummaryRow label="Order" value={order} />
          {data.order_date ? <SummaryRow label="Order date" value={formatDate(data.order_date, data.locale)} /> : null}
          <SummaryRow label="Amount paid" value={money(data.amount_paid)} emphasis />
          {data.payment_method ? <SummaryRow label="Paid with" value={data.payment_method} /> : null}
          {data.paid_at ? <SummaryRow label="Paid on" value={formatDateTime(data.paid_at, data.locale)} /> : null}
          <SummaryRow label="Remaining balance" value={money(paidInFull ? 0 : data.remaining_balance)} />
        </tbody>
      </table>
      <Text style={{ ...paragraph, marginTop: "16px" }}>
        {paidInFull ? "Your order is now paid in full." : `${money(data.remaining_balance)} is still due on this order.`}
      </Text>
      {data.receipt_number ? <Text style={paragraph}>Your receipt is attached as a PDF.</Text> : null}
    </EmailLayout>
  )
}
