import { Button, StatusBadge, Text, toast, usePrompt } from "@medusajs/ui"
import { formatDate, formatDateTime } from "../lib/format-time"
import { formatMoney } from "../lib/money"
import { linkStatusDisplay } from "../lib/status-display"
import type { PaymentLinkSummary } from "../lib/stripe-collect-order"
import { useCancelPaymentLink, useRemindPaymentLink, useResendPaymentLink } from "../lib/use-payment-link-actions"
import { formatCalendarDay } from "../lib/payment-terms"

type Props = {
  orderId: string
  link: PaymentLinkSummary
  canManage?: boolean
  /** What the order still owes; no reminder when nothing is. */
  outstanding?: number
}

const isOpen = (link: PaymentLinkSummary) => link.status === "sent" || link.status === "viewed"

// The link's story in one line: when it was sent, opened, paid or stopped, and until when it works.
// When payment is due, in the terms' words, and how late it is.
function dueLine(link: PaymentLinkSummary): string | null {
  if (!link.due_date) return null
  const terms = link.terms_label && link.terms !== "date" ? ` · ${link.terms_label}` : ""
  const late = link.state === "overdue" ? ` · ${link.days_overdue} day${link.days_overdue === 1 ? "" : "s"} overdue` : ""
  const next = link.next_reminder_on ? ` · next reminder ${formatCalendarDay(link.next_reminder_on)}` : ""
  return `Due ${formatCalendarDay(link.due_date)}${terms}${late}${isOpen(link) ? next : ""}`
}

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
export function PaymentLinkRow({ orderId, link, canManage = true, outstanding }: Props) {
  const status = linkStatusDisplay(link.status)
  const overdue = link.state === "overdue"
  const due = dueLine(link)
  const resend = useResendPaymentLink(orderId)
  const cancel = useCancelPaymentLink(orderId)
  const remind = useRemindPaymentLink(orderId)
  const prompt = usePrompt()
  const amount = formatMoney(link.amount, link.currency_code)

  const onResend = () =>
    resend.mutate(link.id, {
      onSuccess: () => toast.success("Payment link sent again", { description: `Emailed to ${link.email}.` }),
      onError: (error) => toast.error("Could not resend the link", { description: error.message }),
    })

  const onRemind = () =>
    remind.mutate(link.id, {
      onSuccess: () =>
        toast.success("Reminder sent", {
          description: `Emailed to ${link.email} with the invoice${link.due_date ? ` (due ${formatCalendarDay(link.due_date)})` : ""}.`,
        }),
      onError: (error) => toast.error("Could not send the reminder", { description: error.message }),
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
        <div className="flex shrink-0 items-center gap-x-1">
          {overdue && (
            <StatusBadge color="red" data-testid={`stripe-collect-link-overdue-${link.id}`}>
              Overdue
            </StatusBadge>
          )}
          <StatusBadge color={status.color}>{status.label}</StatusBadge>
        </div>
      </div>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle break-all">
        To {link.email}
      </Text>
      {due && (
        <Text
          size="xsmall"
          leading="compact"
          className={overdue ? "text-ui-fg-error" : "text-ui-fg-subtle"}
          data-testid={`stripe-collect-link-due-${link.id}`}
        >
          {due}
        </Text>
      )}
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {timeline(link)}
      </Text>
      {canManage && isOpen(link) && (
        <div className="flex gap-x-2 pt-1">
          <Button size="small" variant="secondary" type="button" onClick={onResend} isLoading={resend.isPending}>
            Resend
          </Button>
          {/* A reminder only makes sense while something is owed (the link may have been settled another way). */}
          <Button
            size="small"
            variant="secondary"
            type="button"
            onClick={onRemind}
            isLoading={remind.isPending}
            disabled={outstanding !== undefined && outstanding <= 0}
            data-testid={`stripe-collect-link-remind-${link.id}`}
          >
            Send reminder
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
