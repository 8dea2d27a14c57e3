import { Button, Heading, Section, Text } from "@react-email/components"
import { z } from "@medusajs/framework/zod"
import { EmailLayout } from "./components/layout"
import { heading, paragraph, primaryButton } from "./components/styles"
import { SummaryRow } from "./components/summary-row"
import { formatDateTime, formatMoney, formatOrderNumber, moneyTolerance } from "./format"
import { currencyCode, locale, moment, moneyAmount, orderDisplayId, webUrl } from "./schema"

export const LINK_PAID_TEMPLATE = "stripe-collect.link-paid"

/** Tells the merchant (the payment-notifications address) that a customer paid a payment link. */
export const linkPaidEmailDataSchema = z.object({
  store_name: z.string().min(1).nullish(),
  order_display_id: orderDisplayId,
  customer_name: z.string().nullish(),
  customer_email: z.string().nullish(),
  amount_paid: moneyAmount.refine((amount) => amount > 0, "Expected more than zero"),
  /** What is still outstanding on the order after this payment. */
  remaining_balance: moneyAmount,
  currency_code: currencyCode,
  payment_method: z.string().min(1).nullish(),
  paid_at: moment,
  /** The order in the Medusa dashboard. */
  order_url: webUrl.nullish(),
  locale,
})

export type LinkPaidEmailData = z.input<typeof linkPaidEmailDataSchema>
type LinkPaidEmailProps = z.output<typeof linkPaidEmailDataSchema>

export function linkPaidSubject(data: LinkPaidEmailProps): string {
  const paid = formatMoney(data.amount_paid, data.currency_code, data.locale)
  return `Payment link paid: ${paid} for order ${formatOrderNumber(data.order_display_id)}`
}

export function LinkPaidEmail(data: LinkPaidEmailProps) {
  const money = (amount: number) => formatMoney(amount, data.currency_code, data.locale)
  const order = formatOrderNumber(data.order_display_id)
  const paidInFull = data.remaining_balance < moneyTolerance(data.currency_code)
  const who = data.customer_name ?? data.customer_email ?? "The customer"
  const sender = data.store_name ? `the Stripe Collect plugin of ${data.store_name}` : "the Stripe Collect plugin"

  return (
    <EmailLayout preview={`${who} paid ${money(data.amount_paid)} for order ${order}.`} sender={sender}>
      <Heading as="h1" style={heading}>
        Payment link paid
      </Heading>
      <Text style={paragraph}>
        {who} paid {money(data.amount_paid)} for order {order} with its payment link.{" "}
        {paidInFull ? "The order is now paid in full." : `${money(data.remaining_balance)} is left to pay.`}
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
          <SummaryRow label="Order" value={order} />
          <SummaryRow label="Amount paid" value={money(data.amount_paid)} emphasis />
          {data.payment_method ? <SummaryRow label="Paid with" value={data.payment_method} /> : null}
          <SummaryRow label="Paid on" value={formatDateTime(data.paid_at, data.locale)} />
          <SummaryRow label="Left to pay" value={money(paidInFull ? 0 : data.remaining_balance)} />
        </tbody>
      </table>
      {data.order_url ? (
        <Section style={{ margin: "16px 0 4px" }}>
          <Button href={data.order_url} style={primaryButton}>
            Open the order
          </Button>
        </Section>
      ) : null}
    </EmailLayout>
  )
}
