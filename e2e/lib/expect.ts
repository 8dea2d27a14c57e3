// Waiting assertions for playwright-core (which has no `expect`): poll until the page shows it, or fail saying what it showed.
import type { Locator } from "playwright-core"

const normalise = (text: string) => text.replace(/\s+/g, " ").trim()

/** Waits until the element's text matches (a string must appear in it, a RegExp must match). */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs
  let last = "(not on the page)"
  for (;;) {
    const text = await locator
      .first()
      .innerText({ timeout: 1_000 })
      .then(normalise)
      .catch(() => null)
    if (text !== null) {
      last = text
      if (typeof expected === "string" ? text.includes(expected) : expected.test(text)) return text
    }
    if (Date.now() > until) {
      throw new Error(`Expected ${String(locator)} to show ${String(expected)}, it showed: "${last.slice(0, 300)}"`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export async function expectValue(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs
  let last = ""
  for (;;) {
    last = await locator.inputValue({ timeout: 1_000 }).catch(() => "")
    if (typeof expected === "string" ? last === expected : expected.test(last)) return last
    if (Date.now() > until) throw new Error(`Expected ${String(locator)} to hold ${String(expected)}, it held "${last}"`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export async function expectAttribute(locator: Locator, name: string, expected: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  let last: string | null = null
  for (;;) {
    last = await locator.getAttribute(name, { timeout: 1_000 }).catch(() => null)
    if (last === expected) return
    if (Date.now() > until) throw new Error(`Expected ${String(locator)} to have ${name}="${expected}", it had ${JSON.stringify(last)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}
