// Money out from the order page: part of a card charge refunded from the Stripe card's Refund popup (the order
// reads Partially refunded), and an order whose charge the customer disputed, shown with the Disputed badge
// (the sandbox's control API opens the dispute, as the card network would).
import { seededOrder, type E2EContext } from "../lib/context"
import { openOrder, waitForOrder, waitForPopupToClose } from "../lib/dashboard"
import { assert, expectText } from "../lib/expect"
import { screenshot } from "../lib/screenshots"
import type { Step } from "../lib/steps"

// $250.00 paid by collect-payments.ts: a $100.00 card charge, then $150.00 by payment link.
const REFUND_ORDER_KEY = "usd-carla-2-tables"
// $130.00, charged here with a test card, then disputed.
const DISPUTE_ORDER_KEY = "usd-bea-1-table"
const REFUND = { input: "40", shown: "$40.00", left: "$60.00" }
const OPEN_REFUND = "refund part of a card charge from the order's Stripe card"

/** The order's succeeded PaymentIntent and the (connected) account it is on, from the sandbox's events of every account. */
async function intentOfOrder(sandboxUrl: string, orderId: string): Promise<{ id: string; account: string | null }> {
  const events = (await (await fetch(`${sandboxUrl}/_sandbox/events`)).json()) as {
    data: { type: string; account?: string | null; data: { object: { id?: string; metadata?: Record<string, string> } } }[]
  }
  const event = events.data.find((e) => e.type === "payment_intent.succeeded" && e.data.object.metadata?.order_id === orderId)
  assert(event?.data.object.id, `The sandbox has no succeeded PaymentIntent for order ${orderId}`)
  return { id: event.data.object.id, account: event.account ?? null }
}

export function refundSteps(context: E2EContext, paidOrderStep: string, after: string): Step[] {
  const refundOrder = seededOrder(context, REFUND_ORDER_KEY)
  const disputeOrder = seededOrder(context, DISPUTE_ORDER_KEY)
  return [
    {
      name: OPEN_REFUND,
      needs: [paidOrderStep],
      run: async (page) => {
        const card = await openOrder(page, context, refundOrder.id)
        const payments = card.root.getByTestId("stripe-collect-payments")
        await payments.waitFor({ timeout: 60_000 })
        const charge = payments.locator("li").filter({ hasText: "Card charge" }).first()
        await expectText(charge, /Refundable \$100\.00/)
        await charge.getByTestId("stripe-collect-refund-button").click()

        const popup = page.getByTestId("stripe-collect-refund-popup")
        await popup.waitFor()
        await expectText(popup.getByTestId("stripe-collect-refund-payment"), /Card charge/)
        await popup.getByTestId("stripe-collect-refund-amount").fill(REFUND.input)
        await expectText(popup.getByTestId("stripe-collect-refund-partial-hint"), `${REFUND.left} of this payment stays refundable`)
        await popup.getByTestId("stripe-collect-refund-note").fill("One table arrived scratched; customer keeps it.")
        await expectText(popup.getByTestId("stripe-collect-refund-submit"), `Refund ${REFUND.shown}`)
        await screenshot(page, context, "order-refund", "order-refund")
        await popup.getByTestId("stripe-collect-refund-submit").click()
        await waitForPopupToClose(popup, "stripe-collect-refund-error")
        await expectText(page.locator("[data-sonner-toast]").first(), `Refunded ${REFUND.shown}`)

        await waitForOrder(page, async () => (await card.status.innerText()).trim() === "Partially refunded")
        await expectText(card.root.getByTestId("stripe-collect-payments"), /Refunded \$40\.00 · Refundable \$60\.00/)
        // Net of the refund, as Medusa's own Paid Total (its order total drops by the refund's credit line).
        await expectText(card.paid, "Paid $210.00 of $210.00 · $40.00 refunded")
        await expectText(card.activity, /Refunded from the order's Stripe card/)
        await card.root.scrollIntoViewIfNeeded()
        await screenshot(page, context, "order-refunded")
      },
    },
    {
      name: "an order whose charge the customer disputed shows the Disputed badge and no Refund",
      needs: [after],
      run: async (page) => {
        const card = await openOrder(page, context, disputeOrder.id)
        await card.chargeButton.click()
        const popup = page.getByTestId("stripe-collect-charge-popup")
        await popup.waitFor()
        await popup.getByTestId("stripe-collect-card-option-pm_card_visa").click()
        await popup.getByTestId("stripe-collect-charge-submit").click()
        await waitForPopupToClose(popup, "stripe-collect-charge-error")

        // The customer's bank disputes the charge: Stripe (the sandbox's control API) opens a dispute.
        const intent = await intentOfOrder(context.urls.sandbox, disputeOrder.id)
        const opened = await fetch(`${context.urls.sandbox}/_sandbox/disputes`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ payment_intent: intent.id, reason: "product_not_received", account: intent.account ?? undefined }),
        })
        assert(opened.ok, `The sandbox did not open a dispute: ${opened.status} ${await opened.text()}`)

        await waitForOrder(page, async () => (await card.root.getByTestId("stripe-collect-disputed").count()) > 0)
        const badge = card.root.getByTestId("stripe-collect-disputed")
        await expectText(badge, /Disputed/)
        await expectText(badge, /product not received · needs response/)
        await expectText(badge, /Evidence due/)
        const payments = card.root.getByTestId("stripe-collect-payments")
        await expectText(payments, /Disputed: Stripe does not refund it/)
        assert((await payments.getByTestId("stripe-collect-refund-button").count()) === 0, "A disputed payment offers Refund")
        // The card's top — header, badge, balance and payments — as the merchant sees it on opening the order.
        await page.evaluate(() => window.scrollTo(0, 0))
        await card.root.evaluate((element) => {
          for (let node: Element | null = element; node; node = node.parentElement) node.scrollTop = 0
        })
        await screenshot(page, context, "order-disputed", "order-disputed")
      },
    },
  ]
}
