// 6 (baseline): an idle Medusa on the same database with the plugin left out — no ./src, no module or providers.
const fs = require("fs")
const path = require("path")
const { freePort } = require("../../scripts/lib/database")
const { MEDUSA_CLI } = require("../../scripts/demo/settings")
const { treeRssKb } = require("../lib/rss")

const CONFIG = `const { defineConfig } = require("@medusajs/framework/utils")
// The benchmark's baseline: Medusa as installed, without medusa-stripe-collect.
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { jwtSecret: "supersecret", cookieSecret: "supersecret" },
  },
  admin: { disable: true },
})
`

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Boots, waits `settleMs`, samples RSS for a few seconds; returns the highest sample in MB. */
async function idleRssWithoutPlugin({ processes, projectRoot, env, settleMs = 5000 }) {
  // Inside the project so @medusajs/* resolve from its node_modules (as installed-plugin.spec.ts does).
  const appDir = path.join(projectRoot, ".test-data", "bench-no-plugin")
  fs.rmSync(appDir, { recursive: true, force: true })
  fs.mkdirSync(appDir, { recursive: true })
  fs.writeFileSync(
    path.join(appDir, "package.json"),
    JSON.stringify({
      name: "bench-no-plugin",
      private: true,
      version: "0.0.0",
      // The CLI only starts in a folder whose package.json depends on @medusajs/medusa.
      dependencies: { "@medusajs/medusa": require("@medusajs/medusa/package.json").version },
    })
  )
  fs.writeFileSync(path.join(appDir, "medusa-config.js"), CONFIG)
  const port = await freePort()
  const { child } = await processes.start("medusa-no-plugin", process.execPath, [MEDUSA_CLI, "start"], {
    env: { ...env, NODE_ENV: "development", PORT: String(port) },
    cwd: appDir,
    ready: async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok,
  })
  await sleep(settleMs)
  let peak = 0
  for (let i = 0; i < 10; i++) {
    peak = Math.max(peak, treeRssKb(child.pid))
    await sleep(200)
  }
  return Math.round(peak / 102.4) / 10
}

module.exports = { idleRssWithoutPlugin }
