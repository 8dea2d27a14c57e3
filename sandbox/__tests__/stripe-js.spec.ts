// Contract (sandbox): Stripe.js's side of a card form — PaymentMethods created with a publishable key
// (what Stripe.js does), and the sandbox's Stripe.js stand-in served at /v3/, driven in a real browser.
import { existsSync } from "fs"
import { createServer, type Server } from "http"
import type { AddressInfo } from "net"
import Stripe from "stripe"
import { chromium, type Browser, type FrameLocator, type Page } from "playwright-core"
import { failure, itSandboxOnly, useContractTarget } from "./helpers/contract"

jest.setTimeout(60_000)

const target = useContractTarget()
/** The sandbox takes any pk_test_ key; against real Stripe these tests would need the account's own. */
const PUBLISHABLE_KEY = "pk_test_stripe_collect_contract"
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const HAS_CHROMIUM = existsSync(CHROMIUM_PATH)
const itInBrowser: jest.It = HAS_CHROMIUM ? itSandboxOnly : it.skip
if (!HAS_CHROMIUM) console.log(`Chromium not found at ${CHROMIUM_PATH}: the Stripe.js browser tests are skipped.`)

const nextYear = new Date().getUTCFullYear() + 1
const publishable = (config: Stripe.StripeConfig = {}) => target().client(PUBLISHABLE_KEY, config)

describe("PaymentMethods with a publishable key (as Stripe.js creates them)", () => {
  itSandboxOnly("creates a card PaymentMethod from the typed number, usable by the secret key", async () => {
    const pm = await publishable().paymentMethods.create({
      type: "card",
      card: { number: "4242 4242 4242 4242", exp_month: 12, exp_year: nextYear, cvc: "123" },
      billing_details: { name: "Jenny Rosen", address: { postal_code: "94107" } },
    })
    expect(pm).toMatchObject({
      object: "payment_method",
      type: "card",
      customer: null,
      card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: nextYear, checks: { cvc_check: "pass" } },
      billing_details: { name: "Jenny Rosen", address: { postal_code: "94107" } },
    })
    const { stripe } = target()
    const customer = await stripe.customers.create({ email: "phone.order@example.com" })
    const intent = await stripe.paymentIntents.create({
      amount: 4200,
      currency: "usd",
      customer: customer.id,
      payment_method: pm.id,
      setup_future_usage: "off_session",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    })
    expect(intent.status).toBe("succeeded")
    const saved = await stripe.customers.listPaymentMethods(customer.id, { type: "card" })
    expect(saved.data.map((m) => m.id)).toEqual([pm.id])
  })

  itSandboxOnly("answers a wrong number or a past expiry with Stripe's card errors", async () => {
    const wrongNumber = await failure(() =>
      publishable().paymentMethods.create({
        type: "card",
        card: { number: "4242424242424241", exp_month: 12, exp_year: nextYear, cvc: "123" },
      })
    )
    expect(wrongNumber).toMatchObject({ statusCode: 402, type: "StripeCardError", code: "incorrect_number", param: "card[number]" })
    const expired = await failure(() =>
      publishable().paymentMethods.create({ type: "card", card: { number: "4242424242424242", exp_month: 1, exp_year: 2020, cvc: "123" } })
    )
    expect(expired).toMatchObject({ statusCode: 402, code: "invalid_expiry_year" })
  })

  itSandboxOnly("creates it on a connected account with Stripe-Account, invisible to the platform", async () => {
    const response = await fetch(`${target().sandbox().url}/_sandbox/accounts`, {
      method: "POST",
      body: JSON.stringify({ name: "Connected shop" }),
    })
    const { stripe_user_id: account } = (await response.json()) as { stripe_user_id: string }
    const pm = await publishable({ stripeAccount: account }).paymentMethods.create({
      type: "card",
      card: { number: "5555555555554444", exp_month: 6, exp_year: nextYear, cvc: "321" },
    })
    const { stripe } = target()
    expect((await stripe.paymentMethods.retrieve(pm.id, {}, { stripeAccount: account })).card?.brand).toBe("mastercard")
    expect(await failure(() => stripe.paymentMethods.retrieve(pm.id))).toMatchObject({ statusCode: 404, code: "resource_missing" })
  })

  itSandboxOnly("refuses a publishable key anywhere else", async () => {
    const refused = await failure(() => publishable().paymentIntents.create({ amount: 100, currency: "usd" }))
    expect(refused.statusCode).toBe(401)
    expect(refused.message).toMatch(/publishable API key/)
  })
})

describe("Stripe.js at /v3/", () => {
  itSandboxOnly("serves the library as JavaScript and the card frame as HTML", async () => {
    const base = target().sandbox().url
    expect(target().sandbox().stripeJsUrl).toBe(`${base}/v3/`)
    const library = await fetch(`${base}/v3/`)
    expect(library.status).toBe(200)
    expect(library.headers.get("content-type")).toBe("application/javascript; charset=utf-8")
    expect(await library.text()).toContain("window.Stripe = Stripe")
    expect((await fetch(`${base}/v3`, { method: "HEAD" })).headers.get("content-type")).toMatch(/^application\/javascript/)

    const frame = await fetch(`${base}/v3/elements-inner-card.html`)
    expect(frame.headers.get("content-type")).toBe("text/html; charset=utf-8")
    const html = await frame.text()
    for (const name of ["cardnumber", "exp-date", "cvc", "postal"]) expect(html).toContain(`name="${name}"`)
  })

  describe("in a browser", () => {
    let browser: Browser | undefined
    let page: Page
    let shop: Server
    let shopUrl: string

    // The merchant's page, on another origin than the sandbox (localhost vs 127.0.0.1), like a shop and js.stripe.com.
    beforeAll(async () => {
      if (!HAS_CHROMIUM || process.env.STRIPE_CONTRACT_KEY) return
      shop = createServer((_req, res) => {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
        res.end(`<!doctype html><html><body><form><label>Card<div id="card"></div></label><button type="button" id="pay">Pay</button></form>
<script src="${target().sandbox().stripeJsUrl}"></script></body></html>`)
      })
      await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve))
      shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}/`
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ["--headless", "--no-sandbox", "--disable-gpu"],
        headless: true,
      })
    })

    afterAll(async () => {
      await browser?.close()
      if (shop) await new Promise((resolve) => shop.close(resolve))
    })

    beforeEach(async () => {
      if (!browser) return
      page = await browser.newPage()
      await page.goto(shopUrl)
    })

    afterEach(async () => {
      await page?.close()
    })

    /** Mounts a card Element like a shop does; every event is kept in window.cardEvents. */
    async function mountCard(options: { stripeAccount?: string; hidePostalCode?: boolean } = {}): Promise<FrameLocator> {
      await page.evaluate(
        async ({ key, stripeAccount, hidePostalCode }) => {
          const w = window as any
          w.cardEvents = []
          w.stripe = w.Stripe(key, stripeAccount ? { stripeAccount } : undefined)
          w.card = w.stripe.elements().create("card", { hidePostalCode, style: { base: { color: "#111111", fontSize: "15px" } } })
          for (const name of ["change", "focus", "blur"]) w.card.on(name, (event: unknown) => w.cardEvents.push({ name, event }))
          const ready = new Promise((resolve) => w.card.on("ready", resolve))
          w.card.mount("#card")
          await ready
        },
        { key: PUBLISHABLE_KEY, ...options }
      )
      return page.frameLocator('iframe[title="Secure card payment input frame"]')
    }

    const lastChange = () =>
      page.evaluate(() => (window as any).cardEvents.filter((e: { name: string }) => e.name === "change").pop()?.event)
    // Change events cross from the iframe by postMessage: wait (briefly) for the one a fill leads to.
    async function changeWhere(check: (event: any) => boolean, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const event = await lastChange()
        if ((event && check(event)) || Date.now() > until) return event
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    const createPaymentMethod = () =>
      page.evaluate(() =>
        (window as any).stripe.createPaymentMethod({ type: "card", card: (window as any).card, billing_details: { name: "Jenny Rosen" } })
      )

    itInBrowser("types a card into the iframe and creates a PaymentMethod the shop's page never sees the number of", async () => {
      const frame = await mountCard()
      await frame.locator('[name="cardnumber"]').fill("4242424242424242")
      expect(await frame.locator('[name="cardnumber"]').inputValue()).toBe("4242 4242 4242 4242")
      expect(await changeWhere((e) => e.brand === "visa")).toMatchObject({
        elementType: "card",
        brand: "visa",
        complete: false,
        empty: false,
      })
      await frame.locator('[name="exp-date"]').fill(`12${String(nextYear).slice(2)}`)
      expect(await frame.locator('[name="exp-date"]').inputValue()).toBe(`12 / ${String(nextYear).slice(2)}`)
      await frame.locator('[name="cvc"]').fill("123")
      await frame.locator('[name="postal"]').fill("94107")
      expect(await changeWhere((e) => e.complete === true)).toMatchObject({ complete: true, empty: false, value: { postalCode: "94107" } })
      expect(await lastChange()).not.toHaveProperty("error")
      expect(await page.locator("#card").getAttribute("class")).toContain("StripeElement--complete")

      target().sandbox().clearRequests()
      const result = await createPaymentMethod()
      expect(result.error).toBeUndefined()
      expect(result.paymentMethod).toMatchObject({
        type: "card",
        card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: nextYear },
        billing_details: { name: "Jenny Rosen", address: { postal_code: "94107" } },
      })
      const [request] = target().sandbox().requests()
      expect(request).toMatchObject({ method: "POST", path: "/v1/payment_methods", status: 200 })
      // The shop's own page: no card number in its DOM, and no request of its own to the API.
      expect(await page.content()).not.toContain("4242")
      const own = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name))
      expect(own.filter((url) => url.includes("/v1/"))).toEqual([])
    })

    itInBrowser("shows Stripe's validation messages and creates nothing while the card is incomplete or wrong", async () => {
      const frame = await mountCard({ hidePostalCode: true })
      target().sandbox().clearRequests()
      await expect(frame.locator('[name="postal"]').count()).resolves.toBe(0)
      const empty = await createPaymentMethod()
      expect(empty.error).toEqual({ type: "validation_error", code: "incomplete_number", message: "Your card number is incomplete." })

      await frame.locator('[name="cardnumber"]').fill("4242424242424241")
      expect((await changeWhere((e) => e.error?.code === "invalid_number")).error).toMatchObject({
        code: "invalid_number",
        message: "Your card number is invalid.",
      })
      await frame.locator('[name="cardnumber"]').fill("4242424242424242")
      await frame.locator('[name="exp-date"]').fill("1")
      await frame.locator('[name="cvc"]').focus()
      expect((await changeWhere((e) => e.error?.code === "incomplete_expiry")).error).toMatchObject({
        code: "incomplete_expiry",
        message: "Your card's expiration date is incomplete.",
      })
      await frame.locator('[name="exp-date"]').fill("0120")
      expect((await changeWhere((e) => e.error?.code === "invalid_expiry_year_past")).error).toMatchObject({
        code: "invalid_expiry_year_past",
        message: "Your card's expiration year is in the past.",
      })
      await frame.locator('[name="exp-date"]').fill(`12${String(nextYear).slice(2)}`)
      await frame.locator('[name="cvc"]').fill("1")
      const incomplete = await createPaymentMethod()
      expect(incomplete.error).toMatchObject({ code: "incomplete_cvc", message: "Your card's security code is incomplete." })
      expect(await page.locator("#card").getAttribute("class")).toContain("StripeElement--invalid")

      await frame.locator('[name="cvc"]').fill("123")
      await frame.locator('[name="cardnumber"]').fill("4000000000000002")
      const declined = await createPaymentMethod()
      // A card that declines on charges is still a valid PaymentMethod.
      expect(declined.paymentMethod.card.last4).toBe("0002")
      expect(
        target()
          .sandbox()
          .requests()
          .filter((r) => r.path === "/v1/payment_methods" && r.status === 200)
      ).toHaveLength(1)
    })

    itInBrowser("posts with Stripe-Account for a connected account, and refuses a secret key", async () => {
      const response = await fetch(`${target().sandbox().url}/_sandbox/accounts`, {
        method: "POST",
        body: JSON.stringify({ name: "Phone orders" }),
      })
      const { stripe_user_id: account } = (await response.json()) as { stripe_user_id: string }
      const frame = await mountCard({ stripeAccount: account })
      await frame.locator('[name="cardnumber"]').fill("5555555555554444")
      await frame.locator('[name="exp-date"]').fill(`06${String(nextYear).slice(2)}`)
      await frame.locator('[name="cvc"]').fill("123")
      await frame.locator('[name="postal"]').fill("10119")
      const result = await createPaymentMethod()
      expect(result.paymentMethod.card.brand).toBe("mastercard")
      const saved = await target().stripe.paymentMethods.retrieve(result.paymentMethod.id, {}, { stripeAccount: account })
      expect(saved.id).toBe(result.paymentMethod.id)

      const secret = await page.evaluate(() => {
        try {
          ;(window as any).Stripe("sk_test_not_for_browsers")
          return "accepted"
        } catch (error) {
          return (error as Error).message
        }
      })
      expect(secret).toMatch(/should not use your secret key with Stripe\.js/)
    })

    itInBrowser("tells focus and blur of the Element (not of each input), lets Tab leave it, unmounts and mounts again", async () => {
      const frame = await mountCard()
      await frame.locator('[name="cardnumber"]').focus()
      for (let i = 0; i < 4; i++) await page.keyboard.press("Tab")
      await waitFor(page, () => page.evaluate(() => document.activeElement?.id === "pay"))
      await waitFor(page, async () =>
        (await page.evaluate(() => (window as any).cardEvents.map((e: { name: string }) => e.name))).includes("blur")
      )
      const names = await page.evaluate(() =>
        (window as any).cardEvents.filter((e: { name: string }) => e.name !== "change").map((e: { name: string }) => e.name)
      )
      expect(names).toEqual(["focus", "blur"])

      await page.evaluate(() => (window as any).card.unmount())
      expect(await page.locator("#card iframe").count()).toBe(0)
      await page.evaluate(async () => {
        const card = (window as any).card
        const ready = new Promise((resolve) => card.once("ready", resolve))
        card.mount(document.getElementById("card"))
        await ready
      })
      expect(await page.locator("#card iframe").count()).toBe(1)
      await page.evaluate(() => (window as any).card.destroy())
      expect(await page.evaluate(() => (window as any).stripe.elements().create("card") !== null)).toBe(true)
    })
  })
})

async function waitFor(page: Page, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error("The condition did not hold in time")
    await page.waitForTimeout(50)
  }
}
