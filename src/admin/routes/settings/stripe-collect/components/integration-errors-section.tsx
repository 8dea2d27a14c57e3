import { Container, Heading, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { IntegrationError } from "../../../../lib/stripe-settings"
import { formatDateTime } from "./format-date-time"

// The failures the merchant was told about (or would have been): when, doing what, which order, Stripe's request id.
export function IntegrationErrorsSection({ errors }: { errors: IntegrationError[] }) {
  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-integration-errors">
      <div className="px-6 py-4">
        <Heading level="h2">Recent integration errors</Heading>
      </div>
      {errors.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            No integration errors.
          </Text>
        </div>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Time</Table.HeaderCell>
              <Table.HeaderCell>Operation</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell>Stripe request id</Table.HeaderCell>
              <Table.HeaderCell>Message</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {errors.map((error) => (
              <Table.Row key={error.id}>
                <Table.Cell className="whitespace-nowrap">{formatDateTime(error.occurred_at)}</Table.Cell>
                <Table.Cell>{error.operation ?? "—"}</Table.Cell>
                <Table.Cell>
                  {error.order_id ? (
                    <Link to={`/orders/${error.order_id}`} className="text-ui-fg-interactive">
                      {error.order_display_id != null ? `#${error.order_display_id}` : error.order_id}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Table.Cell>
                <Table.Cell className="font-mono">{error.stripe_request_id ?? "—"}</Table.Cell>
                <Table.Cell className="max-w-[320px] whitespace-normal break-words">{error.message ?? "—"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
