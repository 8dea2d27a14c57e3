import { execFileSync } from "child_process"
import fs from "fs"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { getResolvedPlugins } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"

jest.setTimeout(300_000)

const root = path.resolve(__dirname, "../..")
// Inside the repository so the app resolves @medusajs/* from the repository's node_modules.
const appDir = path.join(root, ".test-data", "installed-app")
const installedPlugin = path.join(appDir, "node_modules", "medusa-stripe-collect")

/** Builds the plugin, packs it as npm would publish it, and installs the tarball into an app. */
function buildPackAndInstall() {
  execFileSync(process.execPath, [require.resolve("@medusajs/cli/cli.js"), "plugin:build"], {
    cwd: root,
    stdio: "pipe",
  })
  fs.rmSync(appDir, { recursive: true, force: true })
  fs.mkdirSync(installedPlugin, { recursive: true })
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", appDir], {
    cwd: root,
    encoding: "utf8",
  }).trim()
  execFileSync("tar", ["-xzf", path.join(appDir, tarball), "-C", installedPlugin, "--strip-components=1"])
  fs.writeFileSync(path.join(appDir, "package.json"), JSON.stringify({ name: "installed-app", private: true, version: "0.0.0" }))
  fs.writeFileSync(
    path.join(appDir, "medusa-config.js"),
    `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: { http: { jwtSecret: "supersecret", cookieSecret: "supersecret" } },
  admin: { disable: true },
  plugins: [{ resolve: "medusa-stripe-collect", options: {} }],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          { resolve: "medusa-stripe-collect/providers/stripe-collect", id: "installed", options: { apiKey: "sk_test_installed", webhookSecret: "whsec_installed" } },
        ],
      },
    },
  ],
})
`
  )
}

buildPackAndInstall()

describe("the published package", () => {
  it("ships only the built server code and admin bundle", () => {
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.relative(installedPlugin, path.join(dir, e.name))]))
    const shipped = files(installedPlugin)
    expect(shipped).toContain(".medusa/server/src/providers/stripe-collect/index.js")
    expect(shipped).toContain(".medusa/server/src/admin/index.mjs")
    expect(shipped.filter((f) => f.startsWith("src/") || f.includes("__tests__"))).toEqual([])
  })

  it("puts the order widget into the admin bundle", () => {
    const bundle = fs.readFileSync(path.join(root, ".medusa/server/src/admin/index.mjs"), "utf8")
    expect(bundle).toContain("order.details.side.before")
    expect(bundle).toContain("stripe-collect-order-card")
    // The id the order-page layout script places at the top of the side column.
    expect(bundle).toContain('widgetId: "stripe-collect-order"')
  })

  it("resolves as a plugin with its module and admin extensions", async () => {
    const [plugin] = await getResolvedPlugins(appDir, { plugins: ["medusa-stripe-collect"] } as any)
    expect(plugin.name).toBe("medusa-stripe-collect")
    expect(plugin.modules?.map((m) => path.basename(m.resolve as string))).toContain("stripe-collect")
    expect(plugin.admin).toEqual({ type: "package", resolve: "medusa-stripe-collect/admin" })
    // `medusa db:migrate` runs <plugin.resolve>/migration-scripts: the script that puts the card in view.
    const scripts = fs.readdirSync(path.join(plugin.resolve as string, "migration-scripts"))
    expect(scripts).toContain("place-stripe-card-on-order-page.js")
  })

  it("exports its workflows at medusa-stripe-collect/workflows", () => {
    const entry = require.resolve("medusa-stripe-collect/workflows", { paths: [appDir] })
    expect(path.relative(installedPlugin, entry)).toBe(path.join(".medusa", "server", "src", "workflows", "index.js"))
    const workflows = require(entry) as Record<string, unknown>
    for (const name of [
      "chargeOrderCardWorkflow",
      "recordStripePaymentWorkflow",
      "createPaymentLinkWorkflow",
      "saveStripeSettingsWorkflow",
    ]) {
      expect(typeof workflows[name]).toBe("function")
    }
  })
})

medusaIntegrationTestRunner({
  cwd: appDir,
  testSuite: ({ api, getContainer }) => {
    it("boots an app that registers the plugin and its provider from the package", async () => {
      const { headers } = await createAdminHeaders(getContainer())
      const response = await api.get("/admin/payments/payment-providers", { headers })
      const ids = response.data.payment_providers.map((p: { id: string }) => p.id)
      expect(ids).toContain("pp_stripe-collect_installed")
      expect(getContainer().hasRegistration("stripeCollect")).toBe(true)
    })
  },
})
