import { Button, Heading, Link, Section, Text } from "@react-email/components"
import { z } from "@medusajs/framework/zod"
import { MultilineText } from "./components/multiline-text"
import { SummaryRow } from "./components/summary-row"
import { EmailLayout } from "./components/layout"
import { colors, heading, paragraph, primaryButton, quotedMessage, sectionTitle, small } from "./components/styles"
import { formatDate, formatDateTime, formatMoney, formatOrderNumber, moneyTolerance } from "./format"
import { currencyCode, locale, moment, moneyAmount, orderDisplayId, webUrl } from "./schema"
import { howCustomersPay, LINK_PAYMENT_METHODS } from "../payment-links/how-customers-pay"
import { formatCalendarDay } from "../payment-links/due-dates"

export const PAYMENT_LINK_TEMPLATE = "stripe-collect.payment-link"

const invoiceLine = z.object({
  title: z.string().min(1),
  variant_title: z.string().nullish(),
  quantity: z.number().int().positive(),
  unit_price: moneyAmount,
  total: moneyAmount,
})

/** The invoice sent with a payment link. Amounts are in major units of `currency_code`. */
export const paymentLinkEmailDataSchema = z.object({
  store_name: z.string().min(1),
  order_display_id: orderDisplayId,
  order_date: moment,
  customer_name: z.string().nullish(),
  items: z.array(invoiceLine),
  shipping_total: moneyAmount,
  discount_total: moneyAmount,
  tax_total: moneyAmount,
  order_total: moneyAmount,
  /** What the order had already received before this link. */
  paid_total: moneyAmount,
  /** What this link asks for: the outstanding amount or less (a partial payment). */
  amount_due: moneyAmount.refine((amount) => amount > 0, "Expected more than zero"),
  currency_code: currencyCode,
  /** The admin's note to the customer, shown as plain text. */
  message: z.string().nullish(),
  pay_url: webUrl,
  expires_at: moment,
  /** The order's invoice number (INV-2026-0001): the same on every link and reminder of the order. */
  invoice_number: z.string().min(1).max(64).nullish(),
  /** The reminder sent shortly before the link expires. */
  reminder: z.boolean().default(false),
  /** The day payment is due (YYYY-MM-DD on the store's calendar); null on links sent before terms existed. */
  due_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish(),
  /** The terms in the merchant's words ("Net 30", "Due on receipt"). */
  terms_label: z.string().max(40).nullish(),
  /** A reminder after the due date: the invoice is overdue. */
  overdue: z.boolean().default(false),
  /** What the link's Checkout offers (Settings → Stripe): the email says it, no more. */
  payment_methods: z.enum(LINK_PAYMENT_METHODS).default("cards"),
  /** Sent because the customer's bank refused their payment (a returned SEPA or ACH debit): how, and why. */
  failed_payment: z.object({ method: z.string().min(1), reason: z.string().min(1) }).nullish(),
  locale,
})

export type PaymentLinkEmailData = z.input<typeof paymentLinkEmailDataSchema>
type PaymentLinkEmailProps = z.output<typeof paymentLinkEmailDataSchema>

export function paymentLinkSubject(data: PaymentLinkEmailProps): string {
  const due = formatMoney(data.amount_due, data.currency_code, data.locale)
  const order = formatOrderNumber(data.order_display_id)
  if (data.failed_payment) return `Your payment for order ${order} from ${data.store_name} did not go through`
  const invoice = data.invoice_number ? `Invoice ${data.invoice_number}` : "Invoice"
  return data.reminder
    ? `Reminder: ${due} due for order ${order} from ${data.store_name}${data.invoice_number ? ` (invoice ${data.invoice_number})` : ""}`
    : `${invoice} for order ${order} from ${data.store_name}: ${due} due`
}

export function PaymentLinkEmail(data: PaymentLinkEmailProps) {
  const money = (amount: number) => formatMoney(amount, data.currency_code, data.locale)
  const order = formatOrderNumber(data.order_display_id)
  const due = money(data.amount_due)
  const expires = formatDateTime(data.expires_at, data.locale)
  const dueOn = data.due_date ? formatCalendarDay(data.due_date, data.locale ?? "en-US") : null
  const balanceAfter = data.order_total - data.paid_total - data.amount_due
  const showsBalanceAfter = balanceAfter > moneyTolerance(data.currency_code)

  return (
    <EmailLayout
      preview={`${data.store_name}: ${due} due for order ${order}. Pay ${howCustomersPay(data.payment_methods)} before ${formatDate(data.expires_at, data.locale)}.`}
      sender={data.store_name}
      footer={
        <Text style={small}>
          Questions about this invoice? Contact {data.store_name} and mention order {order}.
        </Text>
      }
    >
      <Heading as="h1" style={heading}>
        {data.failed_payment
          ? `Your payment for order ${order} did not go through`
          : data.reminder
            ? `Reminder: payment due for order ${order}`
            : `Invoice ${data.invoice_number ? `${data.invoice_number} ` : ""}for order ${order}`}
      </Heading>
      <Text style={paragraph}>{data.customer_name ? `Hello ${data.customer_name},` : "Hello,"}</Text>
      <Text style={paragraph}>
        {data.failed_payment
          ? `Your bank did not accept your payment of ${due} for order ${order} (${data.failed_payment.method}): ${data.failed_payment.reason} Nothing was taken. You can pay ${howCustomersPay(data.payment_methods)} with the button below.`
          : data.reminder
            ? data.overdue && dueOn
              ? `This is a reminder that ${due} for order ${order} from ${data.store_name} was due on ${dueOn} and is overdue. The payment link still works until ${expires}.`
              : `This is a reminder that ${due} is still due for order ${order} from ${data.store_name}${dueOn ? ` (due ${dueOn})` : ""}. The payment link expires on ${expires}.`
            : `${data.store_name} has sent you an invoice for order ${order}. You can pay ${due} securely ${howCustomersPay(data.payment_methods)}, with the button below.`}
      </Text>

      {data.message ? (
        <Section>
          <Text style={{ ...small, margin: "0 0 4px" }}>Message from {data.store_name}:</Text>
          <Text style={quotedMessage}>
            <MultilineText text={data.message} />
          </Text>
        </Section>
      ) : null}

      <Section style={{ margin: "8px 0 12px" }}>
        <Button href={data.pay_url} style={primaryButton}>
          Pay {due}
        </Button>
      </Section>
      <Text style={small}>Or open this link in your browser:</Text>
      <Text style={{ ...small, wordBreak: "break-all" }}>
        <Link href={data.pay_url} style={{ color: colors.accent }}>
          {data.pay_url}
        </Link>
      </Text>
      {dueOn ? (
        <Text style={{ ...paragraph, fontWeight: 600 }} data-testid="due-date">
          {`Due date: ${dueOn}${data.terms_label && data.terms_label !== "Due by date" ? ` (${data.terms_label})` : ""}`}
        </Text>
      ) : null}
      <Text style={small}>This payment link expires on {expires}.</Text>

      <Text style={sectionTitle}>
        {data.invoice_number ? `Invoice ${data.invoice_number} · ` : ""}Order {order} · placed on {formatDate(data.order_date, data.locale)}
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
          {data.items.map((item, index) => (
            <SummaryRow
              key={index}
              label={item.variant_title ? `${item.title} (${item.variant_title})` : item.title}
              detail={`${item.quantity} × ${money(item.unit_price)}`}
              value={money(item.total)}
            />
          ))}
          <SummaryRow label="Shipping" value={money(data.shipping_total)} divider />
          {data.discount_total > 0 ? <SummaryRow label="Discount" value={money(-data.discount_total)} /> : null}
          <SummaryRow label="Taxes" value={money(data.tax_total)} />
          <SummaryRow label="Order total" value={money(data.order_total)} emphasis />
          {data.paid_total > 0 ? <SummaryRow label="Already paid" value={money(-data.paid_total)} /> : null}
          <SummaryRow label="Amount due by this link" value={due} emphasis />
          {showsBalanceAfter ? <SummaryRow label="Balance remaining after this payment" value={money(balanceAfter)} /> : null}
        </tbody>
      </table>
    </EmailLayout>
  )
}
