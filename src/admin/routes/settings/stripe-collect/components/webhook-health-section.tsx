import { Badge, Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import type { StripeSettings } from "../../../../lib/stripe-settings"
import { formatDateTime } from "./format-date-time"

// Whether Stripe's events reach the store: the last one received and recent signature failures.
export function WebhookHealthSection({ webhook }: { webhook: StripeSettings["webhook"] }) {
  const failing = webhook.recent_signature_failures > 0
  const endpoint = webhook.endpoint_url ?? webhook.endpoint_path
  const events = webhook.events ?? []
  const copyEndpoint = () =>
    navigator.clipboard.writeText(endpoint).then(
      () => toast.success("Webhook URL copied"),
      () => toast.error("Could not copy", { description: "Select the URL and copy it yourself." })
    )
  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-webhook-health">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Webhooks</Heading>
        {failing ? (
          <StatusBadge color="red">Signature failures</StatusBadge>
        ) : webhook.last_event_at ? (
          <StatusBadge color="green">Receiving events</StatusBadge>
        ) : (
          <StatusBadge color="grey">No events yet</StatusBadge>
        )}
      </div>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <div className="flex items-center justify-between gap-x-2">
          <Text size="small" weight="plus" id="stripe-collect-webhook-endpoint">
            Endpoint to add in Stripe
          </Text>
          <Button size="small" variant="secondary" type="button" onClick={copyEndpoint} aria-describedby="stripe-collect-webhook-endpoint">
            Copy URL
          </Button>
        </div>
        <Text size="small" className="text-ui-fg-subtle break-all font-mono" data-testid="stripe-collect-webhook-url">
          {endpoint}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          In the Stripe Dashboard (Developers → Webhooks), add this endpoint with these events, then put its signing secret in
          STRIPE_WEBHOOK_SECRET:
        </Text>
        <ul className="flex flex-wrap gap-1" data-testid="stripe-collect-webhook-events">
          {events.map((event) => (
            <li key={event}>
              <Badge size="2xsmall" className="font-mono">
                {event}
              </Badge>
            </li>
          ))}
        </ul>
      </div>
      <div className="grid grid-cols-2 px-6 py-4">
        <Text size="small" weight="plus">
          Last event received
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {formatDateTime(webhook.last_event_at)}
        </Text>
      </div>
      <div className="grid grid-cols-2 px-6 py-4">
        <Text size="small" weight="plus">
          Signature failures since then
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {webhook.recent_signature_failures}
          {webhook.last_signature_failure_at ? ` (last ${formatDateTime(webhook.last_signature_failure_at)})` : ""}
        </Text>
      </div>
      <div className="grid grid-cols-2 px-6 py-4">
        <Text size="small" weight="plus">
          Events ignored (24 hours)
        </Text>
        <Text
          size="small"
          className="text-ui-fg-subtle"
          title="Verified events no payment of this plugin claims: other integrations' payments, or nothing to do"
        >
          {webhook.ignored_events_24h}
        </Text>
      </div>
    </Container>
  )
}
