import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import type { StripeSettings } from "../../../../lib/stripe-settings"
import { formatDateTime } from "./format-date-time"

// Whether Stripe's events reach the store: the last one received and recent signature failures.
export function WebhookHealthSection({ webhook }: { webhook: StripeSettings["webhook"] }) {
  const failing = webhook.recent_signature_failures > 0
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
      <div className="grid grid-cols-2 px-6 py-4">
        <Text size="small" weight="plus">
          Endpoint
        </Text>
        <Text size="small" className="text-ui-fg-subtle break-all">
          {webhook.endpoint_path}
        </Text>
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
