import { Button, Heading, Section, Text } from "@react-email/components"
import { z } from "@medusajs/framework/zod"
import { EmailLayout } from "./components/layout"
import { colors, heading, paragraph, primaryButton } from "./components/styles"
import { SummaryRow } from "./components/summary-row"
import { formatDate, formatMoney, formatOrderNumber } from "./format"
import { currencyCode, locale, moment, moneyAmount, orderDisplayId, webUrl } from "./schema"

export const DISPUTE_OPENED_TEMPLATE = "stripe-collect.dispute-opened"

/** Tells the merchant (the payment-notifications address) that a customer disputed a payment with their bank. */
export const disputeOpenedEmailDataSchema = z.object({
  store_name: z.string().min(1).nullish(),
  order_display_id: orderDisplayId.nullish(),
  dispute_id: z.string().min(1),
  /** An inquiry (`warning_*`) asks questions before a chargeback; a dispute has taken the money. */
  inquiry: z.boolean().default(false),
  amount: moneyAmount,
  currency_code: currencyCode,
  /** Stripe's words, e.g. "fraudulent", "product not received". */
  reason: z.string().min(1),
  status: z.string().min(1),
  evidence_due_by: moment.nullish(),
  /** The dispute in the Stripe Dashboard, where evidence is submitted. */
  stripe_dashboard_url: webUrl.nullish(),
  /** The order in the Medusa dashboard. */
  order_url: webUrl.nullish(),
  locale,
})

export type DisputeOpenedEmailData = z.input<typeof disputeOpenedEmailDataSchema>
type DisputeOpenedEmailProps = z.output<typeof disputeOpenedEmailDataSchema>

const what = (data: DisputeOpenedEmailProps) => (data.inquiry ? "inquiry" : "dispute")

export function disputeOpenedSubject(data: DisputeOpenedEmailProps): string {
  const money = formatMoney(data.amount, data.currency_code, data.locale)
  const order = data.order_display_id != null ? ` on order ${formatOrderNumber(data.order_display_id)}` : ""
  return data.inquiry ? `A customer's bank asks about ${money}${order} (payment disputed, inquiry)` : `Payment disputed: ${money}${order}`
}

export function DisputeOpenedEmail(data: DisputeOpenedEmailProps) {
  const money = formatMoney(data.amount, data.currency_code, data.locale)
  const order = data.order_display_id != null ? formatOrderNumber(data.order_display_id) : null
  const sender = data.store_name ? `the Stripe Collect plugin of ${data.store_name}` : "the Stripe Collect plugin"

  return (
    <EmailLayout preview={`A customer disputed ${money}${order ? ` for order ${order}` : ""} with their bank.`} sender={sender}>
      <Heading as="h1" style={{ ...heading, color: colors.alert }}>
        {data.inquiry ? "Payment inquiry opened" : "Payment disputed"}
      </Heading>
      <Text style={paragraph}>
        A customer disputed {money}
        {order ? ` for order ${order}` : ""} with their bank ({data.dispute_id}). Submit your evidence in the Stripe Dashboard
        {data.evidence_due_by ? ` by ${formatDate(data.evidence_due_by, data.locale)}` : ""}; the order page shows the {what(data)}.
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
          {order ? <SummaryRow label="Order" value={order} /> : null}
          <SummaryRow label="Amount" value={money} emphasis />
          <SummaryRow label="Reason" value={data.reason} />
          <SummaryRow label="Status" value={data.status} />
          {data.evidence_due_by ? <SummaryRow label="Evidence due" value={formatDate(data.evidence_due_by, data.locale)} /> : null}
        </tbody>
      </table>
      {data.stripe_dashboard_url ? (
        <Section style={{ margin: "16px 0 4px" }}>
          <Button href={data.stripe_dashboard_url} style={primaryButton}>
            Respond in Stripe
          </Button>
        </Section>
      ) : null}
      {data.order_url ? (
        <Text style={paragraph}>
          <a href={data.order_url}>Open the order in Medusa</a>
        </Text>
      ) : null}
    </EmailLayout>
  )
}
