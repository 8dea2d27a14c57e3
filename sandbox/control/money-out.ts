// Control API for money leaving a payment: settle a refund now, open a dispute, move a dispute's status.
import type { ServerResponse } from "http"
import { sendJson } from "../http/respond"
import type { SandboxServices } from "../services"
import { changeDisputeStatus, DISPUTE_STATUSES, findDispute, isDisputeStatus, openDispute } from "../stripe/resources/disputes"
import { settleRefund } from "../stripe/resources/refunds"
import { findCharge, findPaymentIntent, idOf } from "../stripe/resources/shared"
import { PLATFORM_ACCOUNT_ID } from "../stripe/state"

const text = (body: Record<string, unknown>, key: string) =>
  typeof body[key] === "string" && body[key] ? (body[key] as string) : undefined

export function handleMoneyOutControl(
  services: SandboxServices,
  route: string,
  body: Record<string, unknown>,
  res: ServerResponse
): boolean {
  const scope = () => services.scopeFor(text(body, "account") ?? PLATFORM_ACCOUNT_ID)

  const settle = /^POST \/_sandbox\/refunds\/([\w]+)\/settle$/.exec(route)
  if (settle) {
    const status = body.status
    if (status !== "succeeded" && status !== "failed" && status !== "canceled")
      throw new Error("status must be succeeded, failed or canceled")
    const s = scope()
    const refund = s.data.refunds.get(settle[1])
    if (!refund) throw new Error(`No such refund: ${settle[1]}`)
    sendJson(res, 200, settleRefund(s, refund, status))
    return true
  }

  if (route === "POST /_sandbox/disputes") {
    const s = scope()
    const chargeId = text(body, "charge")
    const intentId = text(body, "payment_intent")
    const charge = chargeId
      ? findCharge(s, chargeId, "charge")
      : findCharge(s, idOf(findPaymentIntent(s, intentId ?? "", "payment_intent").latest_charge) ?? "", "payment_intent")
    const amount = typeof body.amount === "number" ? body.amount : undefined
    const dispute = openDispute(s, charge, { reason: text(body, "reason") ?? "fraudulent", inquiry: body.inquiry === true, amount })
    sendJson(res, 200, dispute)
    return true
  }

  const status = /^POST \/_sandbox\/disputes\/([\w]+)\/status$/.exec(route)
  if (status) {
    const next = body.status
    if (!isDisputeStatus(next)) {
      throw new Error(`status must be one of ${DISPUTE_STATUSES.join(", ")}`)
    }
    const s = scope()
    sendJson(res, 200, changeDisputeStatus(s, findDispute(s, status[1]), next))
    return true
  }
  return false
}
