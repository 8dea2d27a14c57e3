import { useState } from "react"
import { Alert, Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { useSettingsChanges } from "../../../../lib/settings-changes"
import { formatDateTime } from "./format-date-time"

const PAGE_SIZE = 10

const shown = (value: string | null) => value ?? "(none)"

// Who changed the Stripe account, the store name or an address, and from what to what: newest first.
export function RecentChangesSection({ refreshedWith }: { refreshedWith: number }) {
  const [offset, setOffset] = useState(0)
  const { data, isLoading, isFetching, error } = useSettingsChanges({ limit: PAGE_SIZE, offset, refreshedWith })
  const count = data?.count ?? 0
  const last = Math.min(offset + PAGE_SIZE, count)

  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-recent-changes">
      <div className="px-6 py-4">
        <Heading level="h2">Recent changes</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Who connected, disconnected or changed the Stripe account, the store name or an email address.
        </Text>
      </div>
      {isLoading ? (
        <div className="px-6 py-4">
          <Text size="small">Loading…</Text>
        </div>
      ) : error ? (
        <div className="px-6 py-4">
          <Alert variant="error">Could not load the recent changes: {error.message}</Alert>
        </div>
      ) : !data || data.changes.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            No changes yet.
          </Text>
        </div>
      ) : (
        <>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Time</Table.HeaderCell>
                <Table.HeaderCell>Who</Table.HeaderCell>
                <Table.HeaderCell>What</Table.HeaderCell>
                <Table.HeaderCell>From</Table.HeaderCell>
                <Table.HeaderCell>To</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.changes.map((change) => (
                <Table.Row key={change.id} data-testid="stripe-collect-recent-change">
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(change.changed_at)}</Table.Cell>
                  <Table.Cell className="max-w-[200px] whitespace-normal break-words">{change.actor_label}</Table.Cell>
                  <Table.Cell>{change.label}</Table.Cell>
                  <Table.Cell className="max-w-[220px] whitespace-normal break-words">{shown(change.from_value)}</Table.Cell>
                  <Table.Cell className="max-w-[220px] whitespace-normal break-words">{shown(change.to_value)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <div className="flex items-center justify-between px-6 py-3">
            <Text size="small" className="text-ui-fg-subtle">
              {offset + 1}–{last} of {count}
            </Text>
            <div className="flex gap-x-2">
              <Button
                size="small"
                variant="secondary"
                disabled={offset === 0 || isFetching}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                Newer
              </Button>
              <Button size="small" variant="secondary" disabled={last >= count || isFetching} onClick={() => setOffset(offset + PAGE_SIZE)}>
                Older
              </Button>
            </div>
          </div>
        </>
      )}
    </Container>
  )
}
