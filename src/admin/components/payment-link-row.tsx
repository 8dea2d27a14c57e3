import { Button, StatusBadge, Text, toast, usePrompt } from "@medusajs/ui"
import { formatDate, formatDateTime } from "../lib/format-time"
import { formatMoney } from "../lib/money"
import { linkStatusDisplay } from "../lib/status-display"
import type { PaymentLinkSummary } from "../lib/stripe-collect-order"
import { useCancelPaymentLink, useResendPaymentLink } from "../lib/use-payment-link-actions"

type Props = { orderId: string; link: PaymentLinkSummary; canManage?: boolean }

const isOpen = (link: PaymentLinkSummary) => link.status === "sent" || link.status === "viewed"

// The link's story in one line: when it was sent, opened, paid or stopped, and until when it works.
function timeline(link: PaymentLinkSummary): string {
  const steps = [
    link.sent_at && `Sent ${formatDateTime(link.sent_at)}`,
    link.viewed_at && `Viewed ${formatDateTime(link.viewed_at)}`,
    link.paid_at && `Paid ${formatDateTime(link.paid_at)}`,
    link.canceled_at && `Canceled ${formatDateTime(link.canceled_at)}`,
    isOpen(link) && `Expires ${formatDate(link.expires_at)}`,
    link.status === "expired" && `Expired ${formatDate(link.expires_at)}`,
  ]
  return steps.filter(Boolean).join(" · ")
}

/** One emailed link with its status, and Resend/Cancel while the customer can still pay by it. */
export function PaymentLinkRow({ orderId, link, canManage = true }: Props) {
  const status = linkStatusDisplay(link.status)
  const resend = useResendPaymentLink(orderId)
  const cancel = useCancelPaymentLink(orderId)
  const prompt = usePrompt()
  const amount = formatMoney(link.amount, link.currency_code)

  const onResend = () =>
    resend.mutate(link.id, {
      onSuccess: () => toast.success("Payment link sent again", { description: `Emailed to ${link.email}.` }),
      onError: (error) => toast.error("Could not resend the link", { description: error.message }),
    })

  const onCancel = async () => {
    const confirmed = await prompt({
      title: "Cancel this payment link?",
      description: `The customer will no longer be able to pay ${amount} by this link. You can send a new one later.`,
      confirmText: "Cancel link",
      cancelText: "Keep link",
      variant: "danger",
    })
    if (!confirmed) return
    cancel.mutate(link.id, {
      onSuccess: () => toast.success("Payment link canceled", { description: `The ${amount} link no longer works.` }),
      onError: (error) => toast.error("Could not cancel the link", { description: error.message }),
    })
  }

  return (
    <li className="flex flex-col gap-y-0.5 py-2" data-testid={`stripe-collect-link-${link.id}`}>
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus" leading="compact">
          {amount}
        </Text>
        <StatusBadge color={status.color} className="shrink-0">
          {status.label}
        </StatusBadge>
      </div>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle break-all">
        To {link.email}
      </Text>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {timeline(link)}
      </Text>
      {canManage && isOpen(link) && (
        <div className="flex gap-x-2 pt-1">
          <Button size="small" variant="secondary" type="button" onClick={onResend} isLoading={resend.isPending}>
            Resend
          </Button>
          <Button
            size="small"
            variant="secondary"
            type="button"
            onClick={onCancel}
            isLoading={cancel.isPending}
            data-testid={`stripe-collect-link-cancel-${link.id}`}
          >
            Cancel
          </Button>
        </div>
      )}
    </li>
  )
}
