import { Button, Text, toast } from "@medusajs/ui"
import { useIssueInvoice } from "../lib/use-payment-link-actions"
import { useState } from "react"
import type { OrderInvoice, PaymentLinkSummary } from "../lib/stripe-collect-order"
import { backendUrl } from "../lib/sdk"

/** The invoice PDF's address: a plain link, authenticated by the dashboard's session cookie. */
const invoicePdfUrl = (orderId: string) => `${backendUrl.replace(/\/+$/, "")}/admin/stripe-collect/orders/${orderId}/invoice`
import { PaymentLinkRow } from "./payment-link-row"
import { ShowAllToggle } from "./show-all-toggle"

const SHOWN_AT_FIRST = 3

type Props = {
  orderId: string
  links: PaymentLinkSummary[]
  invoice: OrderInvoice | null
  /** Resend and Cancel are offered (the send_link permission). */
  canManage?: boolean
  /** What the order still owes, and whether it can be invoiced (not canceled or a draft). */
  outstanding?: number
  invoiceable?: boolean
}

/** The payment links emailed for this order, newest first. */
export function PaymentLinkList({ orderId, links, invoice, canManage = true, outstanding, invoiceable = true }: Props) {
  const [expanded, setExpanded] = useState(false)
  const issue = useIssueInvoice(orderId)
  const onIssue = () =>
    issue.mutate(undefined, {
      onSuccess: ({ invoice }) =>
        toast.success(`Invoice ${invoice.number} issued`, { description: "Due on receipt. Download it or send it with a payment link." }),
      onError: (error) => toast.error("Could not issue the invoice", { description: error.message }),
    })
  const shown = expanded ? links : links.slice(0, SHOWN_AT_FIRST)
  return (
    <section className="flex flex-col px-6 py-4" aria-labelledby="stripe-collect-links-title" data-testid="stripe-collect-links">
      <Text size="small" weight="plus" id="stripe-collect-links-title">
        Payment links
      </Text>
      {invoice ? (
        <Text size="small" className="text-ui-fg-subtle" data-testid="stripe-collect-invoice-number">
          Invoice {invoice.number}
          {invoice.version > 1 ? ` (version ${invoice.version})` : ""}
          {invoice.status === "void" ? " · void" : ""} ·{" "}
          <a
            href={invoicePdfUrl(orderId)}
            download
            className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
            data-testid="stripe-collect-invoice-pdf"
          >
            Download PDF
          </a>
        </Text>
      ) : canManage && invoiceable ? (
        <div className="flex items-center gap-x-2 pt-1">
          <Text size="small" className="text-ui-fg-subtle">
            No invoice yet.
          </Text>
          <Button
            size="small"
            variant="secondary"
            type="button"
            onClick={onIssue}
            isLoading={issue.isPending}
            data-testid="stripe-collect-issue-invoice"
          >
            Issue invoice
          </Button>
        </div>
      ) : null}
      {links.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle pt-1">
          No payment links sent.
        </Text>
      ) : (
        <ul className="divide-y">
          {shown.map((link) => (
            <PaymentLinkRow key={link.id} orderId={orderId} link={link} canManage={canManage} outstanding={outstanding} />
          ))}
        </ul>
      )}
      <div>
        <ShowAllToggle total={links.length} shown={SHOWN_AT_FIRST} expanded={expanded} onToggle={() => setExpanded((value) => !value)} />
      </div>
    </section>
  )
}
