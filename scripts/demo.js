#!/usr/bin/env node
// `npm run demo`: a local Medusa store with the plugin, its dashboard, seeded unpaid orders, and the Stripe
// sandbox (or Stripe test mode with STRIPE_API_KEY=sk_test_...). Ctrl-C stops everything it started.
//   npm run demo -- --reset   forget the demo's data (.demo-data/) and start from an empty store
const fs = require("fs")
const { createProgress } = require("./demo/progress")
const { ProcessGroup } = require("./demo/processes")
const { startStack } = require("./demo/stack")
const { DEMO_DATA_DIR, DEMO_LOG_DIR } = require("./demo/settings")

function money(amount, currency) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount)
}

function banner(stack, elapsed) {
  const { urls, admin, seeded } = stack
  const lines = [
    "",
    `Ready in ${elapsed}.`,
    "",
    `  Dashboard       ${urls.dashboard}`,
    `  Login           ${admin.email} / ${admin.password}`,
    `  Stripe          ${stack.stripe === "sandbox" ? "local sandbox (no real money, no internet)" : "your Stripe account, test mode"}`,
  ]
  if (urls.sandboxDashboard) lines.push(`  Sandbox         ${urls.sandboxDashboard}`)
  if (urls.inbox) lines.push(`  Inbox (emails)  ${urls.inbox}`)
  lines.push(`  Webhook target  ${urls.webhook}`)
  if (stack.stripe === "stripe") {
    lines.push(`                  forward with: stripe listen --forward-to ${urls.webhook.replace(/^https?:\/\//, "")}`)
  }
  lines.push(`  Database        ${stack.database}`)
  lines.push(`  Logs            ${stack.logs}`)
  lines.push("", "  Unpaid orders to try:")
  for (const order of seeded.orders) {
    lines.push(
      `    #${order.display_id}  ${money(order.total, order.currency_code).padStart(10)}  ${order.email}  ${urls.dashboard}/orders/${order.id}`
    )
  }
  lines.push(
    "",
    "  Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined (any future date, any CVC).",
    "",
    "Press Ctrl-C to stop everything.",
    ""
  )
  return lines.join("\n")
}

async function main() {
  const progress = createProgress()
  const processes = new ProcessGroup({ logDir: DEMO_LOG_DIR })
  let stack = null
  let stopping = false
  const shutdown = async (code) => {
    if (stopping) return
    stopping = true
    process.stdout.write("\nStopping the demo …\n")
    if (stack) await stack.stop()
    else await processes.stopAll()
    process.stdout.write("Stopped.\n")
    process.exit(code)
  }
  process.on("SIGINT", () => shutdown(0))
  process.on("SIGTERM", () => shutdown(0))

  if (process.argv.includes("--reset")) {
    fs.rmSync(DEMO_DATA_DIR, { recursive: true, force: true })
    console.log(`Removed ${DEMO_DATA_DIR}: the demo starts from an empty store.`)
  }
  console.log("Starting the medusa-stripe-collect demo (the first run takes a few minutes) …")
  try {
    stack = await startStack({ purpose: "demo", processes, progress })
  } catch (error) {
    console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`)
    return shutdown(1)
  }
  if (stopping) return
  console.log(banner(stack, progress.elapsed()))
  // The demo now just waits; its children keep running until Ctrl-C. A crashed server ends the demo.
  const medusa = processes.running.find((entry) => entry.name === "medusa")
  medusa?.child.once("exit", (code) => {
    if (stopping) return
    console.error(`\nThe Medusa server stopped (exit ${code}). See ${processes.logFile("medusa")}`)
    shutdown(1)
  })
}

main()
