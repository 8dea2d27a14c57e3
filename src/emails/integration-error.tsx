import { Button, Heading, Section, Text } from "@react-email/components"
import { z } from "@medusajs/framework/zod"
import { MultilineText } from "./components/multiline-text"
import { EmailLayout } from "./components/layout"
import { colors, heading, paragraph, primaryButton, quotedMessage, sectionTitle, small } from "./components/styles"
import { formatDateTime, formatOrderNumber } from "./format"
import { locale, moment, orderDisplayId, webUrl } from "./schema"

export const INTEGRATION_ERROR_TEMPLATE = "stripe-collect.integration-error"

/** Tells the merchant that the Stripe integration failed in a way they must act on. */
export const integrationErrorEmailDataSchema = z.object({
  store_name: z.string().min(1).nullish(),
  /** One line in the merchant's words, e.g. "Stripe took a payment that Medusa could not record". */
  what_happened: z.string().min(1),
  /** The underlying error, e.g. Stripe's message. */
  details: z.string().nullish(),
  /** What the plugin was doing, e.g. "Charge card" or "Create checkout session". */
  operation: z.string().min(1),
  order_id: z.string().nullish(),
  order_display_id: orderDisplayId.nullish(),
  stripe_request_id: z.string().nullish(),
  occurred_at: moment,
  /** The next step for the merchant, e.g. "Refund the payment in Stripe". */
  what_to_do: z.string().min(1),
  /** Where in the dashboard to act: the order or the settings page. */
  dashboard_url: webUrl.nullish(),
  locale,
})

export type IntegrationErrorEmailData = z.input<typeof integrationErrorEmailDataSchema>
type IntegrationErrorEmailProps = z.output<typeof integrationErrorEmailDataSchema>

const SUBJECT_LIMIT = 140

export function integrationErrorSubject(data: IntegrationErrorEmailProps): string {
  const subject = `Stripe integration error: ${data.what_happened}`.replace(/\s+/g, " ")
  return subject.length > SUBJECT_LIMIT ? `${subject.slice(0, SUBJECT_LIMIT - 1)}…` : subject
}

function orderLabel(data: IntegrationErrorEmailProps): string | null {
  if (data.order_display_id != null && data.order_id) {
    return `${formatOrderNumber(data.order_display_id)} (${data.order_id})`
  }
  if (data.order_display_id != null) return formatOrderNumber(data.order_display_id)
  return data.order_id ?? null
}

// Label above value: ids and long operation names wrap cleanly on a phone.
function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Text style={{ ...paragraph, margin: "0 0 10px", wordBreak: "break-word" }}>
      <span style={{ color: colors.muted, fontSize: "12px" }}>{label}</span>
      <br />
      {value}
    </Text>
  )
}

export function IntegrationErrorEmail(data: IntegrationErrorEmailProps) {
  const order = orderLabel(data)
  const sender = data.store_name ? `the Stripe Collect plugin of ${data.store_name}` : "the Stripe Collect plugin"

  return (
    <EmailLayout preview={data.what_happened} sender={sender}>
      <Heading as="h1" style={{ ...heading, color: colors.alert }}>
        Stripe integration error
      </Heading>
      <Text style={paragraph}>{data.what_happened}</Text>
      {data.details ? (
        <Text style={quotedMessage}>
          <MultilineText text={data.details} />
        </Text>
      ) : null}

      <Text style={sectionTitle}>What to do</Text>
      <Text style={paragraph}>{data.what_to_do}</Text>
      {data.dashboard_url ? (
        <Section style={{ margin: "8px 0 12px" }}>
          <Button href={data.dashboard_url} style={primaryButton}>
            Open the dashboard
          </Button>
        </Section>
      ) : null}

      <Text style={sectionTitle}>Details</Text>
      <Fact label="Operation" value={data.operation} />
      <Fact label="Order" value={order ?? "Not tied to an order"} />
      <Fact label="Stripe request id" value={data.stripe_request_id ?? "None (Stripe was not reached)"} />
      <Fact label="Time" value={formatDateTime(data.occurred_at, data.locale)} />
      <Text style={{ ...small, marginTop: "16px" }}>
        Give the Stripe request id to Stripe support to find this call in your Stripe logs.
      </Text>
    </EmailLayout>
  )
}
