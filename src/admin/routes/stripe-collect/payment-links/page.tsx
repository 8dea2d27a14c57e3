import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Alert, Button, Container, Heading, Select, StatusBadge, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { formatMoney } from "../../../lib/money"
import { formatCalendarDay } from "../../../lib/payment-terms"
import { PAGE_SIZE, usePaymentLinkList, type PaymentLinkListRow } from "../../../lib/payment-link-list"
import type { PaymentLinkState } from "../../../lib/stripe-collect-order"

type Filter = PaymentLinkState | "all"

const FILTERS: { value: Filter; label: string }[] = [
  { value: "all", label: "All links" },
  { value: "open", label: "Open" },
  { value: "overdue", label: "Overdue" },
  { value: "processing", label: "Processing" },
  { value: "paid", label: "Paid" },
  { value: "canceled", label: "Canceled" },
  { value: "expired", label: "Expired" },
]

const STATE_BADGE: Record<PaymentLinkState, { label: string; color: "green" | "red" | "blue" | "orange" | "grey" }> = {
  open: { label: "Open", color: "blue" },
  overdue: { label: "Overdue", color: "red" },
  processing: { label: "Processing", color: "orange" },
  paid: { label: "Paid", color: "green" },
  canceled: { label: "Canceled", color: "grey" },
  expired: { label: "Expired", color: "grey" },
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`

function DueCell({ row }: { row: PaymentLinkListRow }) {
  if (!row.due_date) return <Text size="small">—</Text>
  return (
    <div className="flex flex-col">
      <Text size="small">{formatCalendarDay(row.due_date)}</Text>
      <Text size="xsmall" className={row.state === "overdue" ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
        {row.state === "overdue" ? `${days(row.days_overdue)} overdue` : (row.terms_label ?? "")}
      </Text>
    </div>
  )
}

// Orders → Payment links: every link across orders, to follow up what is open and overdue.
const PaymentLinksPage = () => {
  const [filter, setFilter] = useState<Filter>("all")
  const [pageIndex, setPageIndex] = useState(0)
  const query = usePaymentLinkList(filter, pageIndex)
  const count = query.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))

  return (
    <Container className="divide-y p-0" data-testid="stripe-collect-payment-links-page">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">Payment links</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Links emailed to customers across all orders: what they still owe, when it is due, and how long ago it was sent.
          </Text>
        </div>
        <div className="w-48">
          <Select
            value={filter}
            onValueChange={(value) => {
              setFilter(value as Filter)
              setPageIndex(0)
            }}
          >
            <Select.Trigger aria-label="Show links" data-testid="stripe-collect-payment-links-filter">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {FILTERS.map((option) => (
                <Select.Item key={option.value} value={option.value} data-testid={`stripe-collect-payment-links-filter-${option.value}`}>
                  {option.label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>
      {query.isPending ? (
        <div className="px-6 py-8" aria-busy="true">
          <Text size="small" className="text-ui-fg-subtle">
            Loading payment links…
          </Text>
        </div>
      ) : query.isError ? (
        <div className="flex flex-col gap-y-2 px-6 py-4">
          <Alert variant="error" data-testid="stripe-collect-payment-links-error">
            Could not load the payment links: {query.error.message}
          </Alert>
          <div>
            <Button size="small" variant="secondary" onClick={() => void query.refetch()} isLoading={query.isFetching}>
              Try again
            </Button>
          </div>
        </div>
      ) : query.data.payment_links.length === 0 ? (
        <div className="px-6 py-8" data-testid="stripe-collect-payment-links-empty">
          <Text size="small" className="text-ui-fg-subtle">
            {filter === "all"
              ? "No payment links yet. Send one from an order's Stripe card."
              : `No ${FILTERS.find((f) => f.value === filter)?.label.toLowerCase()} payment links.`}
          </Text>
        </div>
      ) : (
        <>
          <Table aria-busy={query.isFetching}>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Order</Table.HeaderCell>
                <Table.HeaderCell>Customer</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Amount due</Table.HeaderCell>
                <Table.HeaderCell>Due date</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Sent</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {query.data.payment_links.map((row) => (
                <Table.Row key={row.id} data-testid={`stripe-collect-payment-links-row-${row.id}`}>
                  <Table.Cell>
                    <Link to={`/orders/${row.order_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                      #{row.order_display_id ?? "—"}
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-col">
                      <Text size="small">{row.customer_name ?? row.email}</Text>
                      {row.customer_name ? (
                        <Text size="xsmall" className="text-ui-fg-subtle">
                          {row.email}
                        </Text>
                      ) : null}
                    </div>
                  </Table.Cell>
                  <Table.Cell className="text-right">{formatMoney(row.amount_due, row.currency_code)}</Table.Cell>
                  <Table.Cell>
                    <DueCell row={row} />
                  </Table.Cell>
                  <Table.Cell>
                    <StatusBadge color={STATE_BADGE[row.state].color}>{STATE_BADGE[row.state].label}</StatusBadge>
                  </Table.Cell>
                  <Table.Cell>{row.age_days === 0 ? "Today" : `${days(row.age_days)} ago`}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex + 1 < pageCount}
            previousPage={() => setPageIndex((index) => Math.max(0, index - 1))}
            nextPage={() => setPageIndex((index) => index + 1)}
          />
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Payment links",
  nested: "/orders",
})

export default PaymentLinksPage
