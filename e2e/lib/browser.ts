// Chromium from the system (Debian's package), driven by playwright-core: no browser download at run time.
import { existsSync } from "fs"
import { chromium, type Browser, type BrowserContext } from "playwright-core"

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium"

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

/** The size of every screenshot (and of the README's). */
export const VIEWPORT = { width: 1280, height: 800 }

export function chromiumIsInstalled(): boolean {
  return existsSync(CHROMIUM_PATH)
}

export async function launchBrowser(): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true })
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "en-US", timezoneId: "UTC" })
  context.setDefaultTimeout(30_000)
  return { browser, context }
}
