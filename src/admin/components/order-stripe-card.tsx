import { useState } from "react"
import { useOrderStripe } from "../lib/order-stripe-queries"
import { ActivityList } from "./activity-list"
import { ChargeCardDrawer } from "./charge-card-drawer"
import { CollectActions } from "./collect-actions"
import { OrderBalance } from "./order-balance"
import { PaymentLinkDrawer } from "./payment-link-drawer"
import { PaymentLinkList } from "./payment-link-list"
import { StripeCardError } from "./stripe-card-error"
import { StripeCardHeader } from "./stripe-card-header"
import { DisputeBadge } from "./dispute-badge"
import { StripeCardSkeleton } from "./stripe-card-skeleton"
import { RefundDrawer } from "./refund-drawer"
import { StripePaymentList } from "./stripe-payment-list"
import type { OrderStripePayment } from "../lib/stripe-collect-order"

type Popup = { kind: "charge" } | { kind: "link"; amount?: number } | { kind: "refund"; payment: OrderStripePayment }

type Props = { orderId: string }

/** The Stripe card's content: balance, actions, payments, activity and links, and the popups. */
export function OrderStripeCard({ orderId }: Props) {
  const query = useOrderStripe(orderId)
  const [popup, setPopup] = useState<Popup | null>(null)
  // Counting openings gives each popup a new key, so every opening starts fresh (new idempotency key).
  const [openings, setOpenings] = useState({ charge: 0, link: 0, refund: 0 })

  const open = (next: Popup) => {
    setOpenings((count) => ({ ...count, [next.kind]: count[next.kind] + 1 }))
    setPopup(next)
  }
  const close = () => setPopup(null)

  if (query.isPending) {
    return (
      <>
        <StripeCardHeader />
        <StripeCardSkeleton />
      </>
    )
  }
  if (query.isError) {
    return (
      <>
        <StripeCardHeader />
        <StripeCardError message={query.error.message} retrying={query.isFetching} onRetry={() => void query.refetch()} />
      </>
    )
  }

  const state = query.data
  return (
    <>
      <StripeCardHeader paymentStatus={state.order.payment_status} />
      <DisputeBadge disputes={state.disputes ?? []} />
      <OrderBalance order={state.order} />
      <CollectActions
        order={state.order}
        onChargeCard={() => open({ kind: "charge" })}
        onSendLink={() => open({ kind: "link" })}
        canCharge={state.permissions?.charge ?? true}
        canSendLink={state.permissions?.send_link ?? true}
      />
      <StripePaymentList
        payments={state.payments ?? []}
        canRefund={state.permissions?.refund ?? true}
        onRefund={(payment) => open({ kind: "refund", payment })}
      />
      <ActivityList activity={state.activity} />
      <PaymentLinkList
        orderId={orderId}
        links={state.payment_links}
        invoice={state.invoice}
        canManage={state.permissions?.send_link ?? true}
        outstanding={state.order.outstanding}
        invoiceable={state.order.status !== "canceled" && state.order.status !== "draft"}
      />
      <ChargeCardDrawer
        key={`charge-${openings.charge}`}
        open={popup?.kind === "charge"}
        state={state}
        onClose={close}
        onSendLinkInstead={(amount) => open({ kind: "link", amount })}
      />
      <PaymentLinkDrawer
        key={`link-${openings.link}`}
        open={popup?.kind === "link"}
        state={state}
        initialAmount={popup?.kind === "link" ? popup.amount : undefined}
        onClose={close}
      />
      <RefundDrawer
        key={`refund-${openings.refund}`}
        open={popup?.kind === "refund"}
        orderId={orderId}
        displayId={state.order.display_id}
        payment={popup?.kind === "refund" ? popup.payment : null}
        onClose={close}
      />
    </>
  )
}
