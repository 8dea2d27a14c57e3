// A payment link paid by a bank debit: the merchant offers every payment method of the Stripe account, the
// customer picks SEPA Direct Debit on the sandbox's Checkout, the order card shows Processing, and once the
// bank pays (the sandbox's control API settles the debit) the order is paid.
import { seededOrder, type E2EContext } from "../lib/context"
import { openOrder, waitForOrder, waitForPopupSuccess } from "../lib/dashboard"
import { assert, expectText } from "../lib/expect"
import { screenshot } from "../lib/screenshots"
import type { Step } from "../lib/steps"

const ORDER_KEY = "eur-jonas-1-table"
const SEPA_IBAN = "DE89 3704 0044 0532 0130 00"
const CHOOSE_METHODS = "Settings → Stripe: payment links offer every method enabled in the Stripe account"
const PAY_BY_SEPA = "the customer pays a link by SEPA Direct Debit on Stripe Checkout"
const PROCESSING = "the order card shows the bank payment as Processing"

/** The PaymentIntent the sandbox last put in `processing` (a bank debit waiting for the bank). */
async function processingIntentId(sandboxUrl: string): Promise<string> {
  const events = (await (await fetch(`${sandboxUrl}/_sandbox/events`)).json()) as {
    data: { type: string; data: { object: { id?: string } } }[]
  }
  const id = events.data.find((e) => e.type === "payment_intent.processing")?.data.object.id
  assert(id, "The sandbox has no processing PaymentIntent")
  return id
}

export function bankPaymentSteps(context: E2EContext, after: string): Step[] {
  const order = seededOrder(context, ORDER_KEY)
  let linkUrl = ""
  return [
    {
      name: CHOOSE_METHODS,
      needs: [after],
      run: async (page) => {
        await page.goto(`${context.urls.dashboard}/settings/stripe-collect`)
        const section = page.getByTestId("stripe-collect-link-methods")
        await section.waitFor({ timeout: 60_000 })
        await section.getByTestId("stripe-collect-methods-all").click()
        await section.scrollIntoViewIfNeeded()
        await screenshot(page, context, "settings-link-methods", "settings-link-methods")
        await section.getByTestId("stripe-collect-methods-save").click()
        await expectText(page.locator("[data-sonner-toast]").first(), /by card, wallet or bank payment/)
      },
    },
    {
      name: PAY_BY_SEPA,
      needs: [CHOOSE_METHODS],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await card.linkButton.click()
        const popup = page.getByTestId("stripe-collect-link-popup")
        await popup.waitFor()
        await expectText(popup, /pay by card, wallet or bank payment/)
        await popup.getByTestId("stripe-collect-link-submit").click()
        await waitForPopupSuccess(popup, "stripe-collect-link-sent", "stripe-collect-link-error")
        linkUrl = await popup.getByTestId("stripe-collect-link-url").inputValue()
        await popup.getByRole("button", { name: "Done" }).click()
        await popup.waitFor({ state: "hidden" })

        await page.goto(linkUrl)
        await expectText(page.getByTestId("payment-methods"), /card, wallet or bank payment/)
        await page.getByTestId("pay-button").click()
        await page.waitForURL(/\/checkout\/cs_/)
        const sepa = page.getByTestId("sepa-form")
        await sepa.locator("#iban").fill(SEPA_IBAN)
        await sepa.locator("#sepa_name").fill("Jonas Weber")
        await screenshot(page, context, "checkout-sepa", "checkout-sepa")
        await sepa.getByTestId("pay-sepa").click()
        await page.waitForURL(/\/stripe-collect\/return\//, { timeout: 60_000 })
        await expectText(page.locator("body"), /your payment is processing/i)
        await screenshot(page, context, "bank-payment-processing-return")
      },
    },
    {
      name: PROCESSING,
      needs: [PAY_BY_SEPA],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await waitForOrder(page, async () => (await card.root.getByTestId("stripe-collect-processing").count()) > 0)
        await expectText(card.root.getByTestId("stripe-collect-processing"), /Processing/)
        await expectText(card.links, /Processing/)
        await expectText(card.root, /SEPA Direct Debit •••• 3000/)
        assert((await card.status.innerText()).trim() !== "Captured", "The order reads Captured while the bank payment is processing")
        await card.root.scrollIntoViewIfNeeded()
        await screenshot(page, context, "order-bank-processing", "order-bank-processing")
      },
    },
    {
      name: "once the bank pays, the order is paid",
      needs: [PROCESSING],
      run: async (page) => {
        const intentId = await processingIntentId(context.urls.sandbox)
        const settled = await fetch(`${context.urls.sandbox}/_sandbox/payment_intents/${intentId}/settle`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ outcome: "succeeded" }),
        })
        assert(settled.ok, `The sandbox did not settle ${intentId}: ${settled.status} ${await settled.text()}`)
        const card = await openOrder(page, context, order.id)
        await waitForOrder(page, async () => (await card.status.innerText()).trim() === "Captured")
        await expectText(card.outstanding, /€0\.00|0,00/)
        await expectText(card.links, /Paid/)
        await card.root.scrollIntoViewIfNeeded()
        await screenshot(page, context, "order-bank-paid")
      },
    },
  ]
}
