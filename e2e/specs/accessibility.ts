// axe-core on everything the plugin draws: Settings → Stripe, the order's Stripe card, both popups and the
// customer's pay page. Inside the dashboard only our own elements are checked (Medusa's pages around them
// have violations of their own, e.g. its sidebar, which we neither own nor can fix); the pay page is all ours.
import { seededOrder, type E2EContext } from "../lib/context"
import { expectNoSeriousViolations } from "../lib/axe"
import { openOrder, waitForPopupSuccess } from "../lib/dashboard"
import { expectText } from "../lib/expect"
import type { Step } from "../lib/steps"

// A yen order, used by no other browser test.

/**
 * Medusa UI's CurrencyInput draws the currency code and symbol in its own muted grey (#71717a on #f4f4f5,
 * 4.39:1) with no way to restyle them; that markup is Medusa's, so axe skips it inside our amount fields.
 */
const CURRENCY_INPUT_ADORNMENTS = ".pointer-events-none.select-none.text-ui-fg-muted"
const ORDER_KEY = "jpy-haruto-1-table"

export function accessibilitySteps(context: E2EContext, after: string): Step[] {
  const order = seededOrder(context, ORDER_KEY)
  let payUrl = ""
  const cardAndPopups = "accessibility: the order's Stripe card and both popups have no serious or critical axe-core violation"

  return [
    {
      name: "accessibility: Settings → Stripe has no serious or critical axe-core violation",
      needs: [after],
      run: async (page) => {
        await page.goto(`${context.urls.dashboard}/settings/stripe-collect`)
        await page.getByTestId("stripe-collect-settings-form").waitFor({ timeout: 60_000 })
        await page.getByTestId("stripe-collect-recent-change").first().waitFor()
        await expectNoSeriousViolations(page, ['[data-testid="stripe-collect-settings"]'], "Settings → Stripe")
      },
    },
    {
      name: cardAndPopups,
      needs: [after],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await expectNoSeriousViolations(page, ['[data-testid="stripe-collect-order-card"]'], "the order's Stripe card")

        await card.chargeButton.click()
        const charge = page.getByTestId("stripe-collect-charge-popup")
        await charge.waitFor()
        await expectText(charge.getByTestId("stripe-collect-customer"), "Haruto")
        await expectNoSeriousViolations(page, ['[data-testid="stripe-collect-charge-popup"]'], "the Charge card popup", [
          `[data-testid="stripe-collect-charge-popup"] ${CURRENCY_INPUT_ADORNMENTS}`,
        ])
        await page.keyboard.press("Escape")
        await charge.waitFor({ state: "hidden" })

        await card.linkButton.click()
        const link = page.getByTestId("stripe-collect-link-popup")
        await link.waitFor()
        await expectNoSeriousViolations(page, ['[data-testid="stripe-collect-link-popup"]'], "the Send payment link popup", [
          `[data-testid="stripe-collect-link-popup"] ${CURRENCY_INPUT_ADORNMENTS}`,
        ])
        await link.getByTestId("stripe-collect-link-submit").click()
        await waitForPopupSuccess(link, "stripe-collect-link-sent", "stripe-collect-link-error")
        await expectNoSeriousViolations(page, ['[data-testid="stripe-collect-link-popup"]'], "the Send payment link popup, link sent", [
          `[data-testid="stripe-collect-link-popup"] ${CURRENCY_INPUT_ADORNMENTS}`,
        ])
        payUrl = await link.getByTestId("stripe-collect-link-url").inputValue()
      },
    },
    {
      name: "accessibility: the customer's pay page has no serious or critical axe-core violation",
      needs: [cardAndPopups],
      run: async (page) => {
        await page.goto(payUrl)
        await page.getByRole("button", { name: /^Pay / }).waitFor()
        await expectNoSeriousViolations(page, ["html"], "the pay page")
      },
    },
  ]
}
