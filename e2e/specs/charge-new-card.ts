// Charge card with a new card the customer reads out on the phone: typed into Stripe's own card field
// (an iframe of the Stripe sandbox's Stripe.js), saved with the customer's consent, then on file.
import { seededOrder, type E2EContext } from "../lib/context"
import { openOrder, waitForPopupToClose } from "../lib/dashboard"
import { expectText } from "../lib/expect"
import { screenshot } from "../lib/screenshots"
import type { Step } from "../lib/steps"

// €228.00: 2 × €110.00 + €8.00 shipping, for a customer with no card on file.
const ORDER_KEY = "eur-jonas-2-tables"

export function chargeNewCardSteps(context: E2EContext, after: string): Step[] {
  const order = seededOrder(context, ORDER_KEY)
  return [
    {
      name: "charge a new card typed into Stripe's card field, saved for later with the customer's consent",
      needs: [after],
      run: async (page) => {
        const card = await openOrder(page, context, order.id)
        await card.chargeButton.click()
        const popup = page.getByTestId("stripe-collect-charge-popup")
        await popup.waitFor()
        await popup.getByTestId("stripe-collect-charge-amount").fill("50")
        await popup.getByTestId("stripe-collect-card-option-new_card").click()

        // The card inputs live in Stripe.js's iframe; the dashboard never sees the number.
        const field = popup.frameLocator('iframe[title="Secure card payment input frame"]')
        await field.locator('[name="cardnumber"]').fill("4242 4242 4242 4241")
        await expectText(popup.getByTestId("stripe-collect-new-card-error"), "Your card number is invalid.")
        await field.locator('[name="cardnumber"]').fill("4242 4242 4242 4242")
        await field.locator('[name="exp-date"]').fill("12 / 34")
        await field.locator('[name="cvc"]').fill("123")
        await popup.getByTestId("stripe-collect-save-card").click()
        await expectText(popup.getByTestId("stripe-collect-charge-submit"), "Charge €50.00")
        await screenshot(page, context, "charge-new-card", "charge-new-card")
        await popup.getByTestId("stripe-collect-charge-submit").click()
        await waitForPopupToClose(popup, "stripe-collect-charge-error")

        await expectText(card.outstanding, "€178.00")
        await expectText(card.activity, /Card charge · €50\.00\s*Succeeded/)
        // Saved with consent: the next charge offers it as the customer's card on file.
        await card.chargeButton.click()
        await popup.waitFor()
        await expectText(popup, /Saved cards\s*Visa •••• 4242/)
        await screenshot(page, context, "new-card-on-file")
        // Esc typed inside Stripe's iframe still closes the popup.
        await popup.getByTestId("stripe-collect-card-option-new_card").click()
        await field.locator('[name="cardnumber"]').click()
        await page.keyboard.press("Escape")
        await popup.waitFor({ state: "hidden" })
      },
    },
  ]
}
