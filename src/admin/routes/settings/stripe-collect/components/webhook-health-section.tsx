import { Badge, Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import type { StripeSettings } from "../../../../lib/stripe-settings"
import { formatDateTime } from "./format-date-time"

// Whether Stripe's events reach the store: the last one received and recent signature failures.
export function WebhookHealthSection({ webhook }: { webhook: StripeSettings["webhook"] }) {
  const failing = webhook.recent_signature_failures > 0
  const endpoint = webhook.endpoint_url ?? webhook.endpoint_path
  const events = webhook.events ?? []
  // Which kinds of event actually arrive (an endpoint without the refund events would never show refunds).
  const seen = webhook.events_seen ?? events.map((type) => ({ type, last_received_at: null, count: 0 }))
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
        <div className="flex flex-col gap-y-3" data-testid="stripe-collect-webhook-events">
          {groupEvents(seen).map(({ title, events: group }) => (
            <div key={title} className="flex flex-col gap-y-1">
              <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">
                {title}
              </Text>
              <ul className="flex flex-col gap-y-1">
                {group.map((event) => (
                  <li
                    key={event.type}
                    className="flex items-center justify-between gap-x-2"
                    data-testid={`stripe-collect-webhook-event-${event.type}`}
                  >
                    <Badge size="2xsmall" className="font-mono">
                      {event.type}
                    </Badge>
                    <Text size="xsmall" className={event.last_received_at ? "text-ui-fg-subtle" : "text-ui-fg-muted"}>
                      {event.last_received_at ? `Last received ${formatDateTime(event.last_received_at)}` : "Not received yet"}
                    </Text>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
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

type SeenEvent = { type: string; last_received_at: string | null; count: number }

const EVENT_GROUPS: Array<[string, (type: string) => boolean]> = [
  ["Card charges and checkouts", (type) => type.startsWith("payment_intent.")],
  ["Payment links", (type) => type.startsWith("checkout.session.")],
  ["Refunds", (type) => type.startsWith("refund.")],
  ["Disputes", (type) => type.startsWith("charge.dispute.")],
]

/** The events in the groups a merchant thinks in; anything else (Connect) last. */
function groupEvents(events: SeenEvent[]): Array<{ title: string; events: SeenEvent[] }> {
  const groups = EVENT_GROUPS.map(([title, test]) => ({ title, events: events.filter((e) => test(e.type)) }))
  const other = events.filter((e) => !EVENT_GROUPS.some(([, test]) => test(e.type)))
  return [...groups, { title: "Stripe Connect", events: other }].filter((g) => g.events.length > 0)
}
