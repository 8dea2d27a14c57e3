// Screenshots of each step (e2e/screenshots/), and the README's key ones (docs/screenshots/) when asked.
import { copyFileSync, mkdirSync } from "fs"
import { join } from "path"
import type { Page } from "playwright-core"
import type { E2EContext } from "./context"

let taken = 0

/** Saves the viewport as NN-name.png; `docs` also saves it as docs/screenshots/<docs>.png. */
export async function screenshot(page: Page, context: E2EContext, name: string, docs?: string): Promise<string> {
  mkdirSync(context.screenshotsDir, { recursive: true })
  taken += 1
  const file = join(context.screenshotsDir, `${String(taken).padStart(2, "0")}-${name}.png`)
  // Let toasts and drawers finish animating so the picture shows the settled state.
  await page.waitForTimeout(400)
  await page.screenshot({ path: file, animations: "disabled" })
  if (docs && context.docsScreenshotsDir) {
    mkdirSync(context.docsScreenshotsDir, { recursive: true })
    copyFileSync(file, join(context.docsScreenshotsDir, `${docs}.png`))
  }
  return file
}
