#!/usr/bin/env node
// `npm run test:e2e`: the dashboard flows in a real browser (system Chromium via playwright-core) against a
// fresh store: its own database, ports and Stripe sandbox, all stopped at the end.
//   --update-docs   also write the README's screenshots to docs/screenshots/
const fs = require("fs")
const os = require("os")
const path = require("path")
const { createProgress, seconds } = require("./demo/progress")
const { ProcessGroup } = require("./demo/processes")
const { startStack } = require("./demo/stack")
const { PROJECT_ROOT } = require("./demo/settings")

const SCREENSHOTS_DIR = path.join(PROJECT_ROOT, "e2e/screenshots")
const DOCS_SCREENSHOTS_DIR = path.join(PROJECT_ROOT, "docs/screenshots")
/** The whole run, start to stop; a hung browser or server fails the run instead of blocking CI. */
const RUN_LIMIT_MS = 12 * 60_000

// The specs are TypeScript, like the rest of the project.
require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(PROJECT_ROOT, "e2e/tsconfig.json") })

async function main() {
  const updateDocs = process.argv.includes("--update-docs")
  const { chromiumIsInstalled, CHROMIUM_PATH } = require("../e2e/lib/browser")
  if (!chromiumIsInstalled()) {
    console.error(`Chromium is not installed at ${CHROMIUM_PATH}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`)
    console.log("0 passed, 1 failed")
    process.exit(1)
  }

  const began = Date.now()
  const progress = createProgress()
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "stripe-collect-e2e-"))
  const processes = new ProcessGroup({ logDir })
  let stack = null
  let finished = false
  const finish = async (code, line) => {
    if (finished) return
    finished = true
    if (line) console.log(line)
    if (stack) await stack.stop()
    else await processes.stopAll()
    if (code === 0) fs.rmSync(logDir, { recursive: true, force: true })
    else console.log(`Logs: ${logDir}`)
    process.exit(code)
  }
  process.on("SIGINT", () => finish(130, "\nInterrupted."))
  process.on("SIGTERM", () => finish(143, "\nTerminated."))
  setTimeout(
    () => finish(1, `\nThe browser tests did not finish within ${RUN_LIMIT_MS / 60_000} minutes.\n0 passed, 1 failed`),
    RUN_LIMIT_MS
  ).unref()

  fs.rmSync(SCREENSHOTS_DIR, { recursive: true, force: true })
  console.log("Browser tests: starting a fresh store (database, Stripe sandbox, Medusa with its dashboard) …")
  try {
    stack = await startStack({ purpose: "e2e", processes, progress })
  } catch (error) {
    console.error(`\nThe store could not start: ${error.message}`)
    return finish(1, "0 passed, 1 failed")
  }

  const { runBrowserTests } = require("../e2e/run")
  console.log(`\nRunning the browser tests against ${stack.urls.dashboard} (Chromium: ${CHROMIUM_PATH})`)
  const context = {
    urls: { backend: stack.urls.backend, dashboard: stack.urls.dashboard, sandbox: stack.urls.sandbox, inbox: stack.urls.inbox },
    admin: stack.admin,
    seeded: stack.seeded,
    screenshotsDir: SCREENSHOTS_DIR,
    docsScreenshotsDir: updateDocs ? DOCS_SCREENSHOTS_DIR : null,
  }
  let results = []
  try {
    results = await runBrowserTests(context, (result) => {
      if (result.passed) console.log(`  ✓ ${result.name} (${seconds(result.ms)})`)
      else {
        console.log(`  ✗ ${result.name} (${seconds(result.ms)})`)
        // Playwright's call logs run to pages; the first lines say what went wrong.
        const lines = result.error.split("\n")
        console.log(`      ${lines.slice(0, 4).join("\n      ")}${lines.length > 4 ? "\n      …" : ""}`)
        if (result.screenshot) console.log(`      screenshot: ${path.relative(PROJECT_ROOT, result.screenshot)}`)
      }
    })
  } catch (error) {
    console.error(`\nThe browser could not run the tests: ${error.stack || error.message}`)
    results.push({ name: "browser", passed: false })
  }
  const passed = results.filter((r) => r.passed).length
  const failed = results.length - passed
  console.log(
    `\nScreenshots: ${path.relative(PROJECT_ROOT, SCREENSHOTS_DIR)}/${updateDocs ? ` (and the README's in ${path.relative(PROJECT_ROOT, DOCS_SCREENSHOTS_DIR)}/)` : ""}`
  )
  console.log(`Took ${seconds(Date.now() - began)}.`)
  await finish(failed === 0 && passed > 0 ? 0 : 1, `${passed} passed, ${failed} failed`)
}

main().catch((error) => {
  console.error(error)
  console.log("0 passed, 1 failed")
  process.exit(1)
})
