import { execFileSync, spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { getResolvedPlugins } from "@medusajs/framework/utils"
import { createAdminHeaders } from "../helpers/admin"
import { ADMIN_LOGIN, adminClient, createTestDatabase, expectStatus, freePort, sleep } from "../helpers/medusa-process"

jest.setTimeout(300_000)

const root = path.resolve(__dirname, "../..")
// Inside the repository so the app resolves @medusajs/* from the repository's node_modules.
const appDir = path.join(root, ".test-data", "installed-app")
const installedPlugin = path.join(appDir, "node_modules", "medusa-stripe-collect")

let tarball = ""

/** Builds the plugin, packs it as npm would publish it, and installs the tarball into an app. */
function buildPackAndInstall() {
  execFileSync(process.execPath, [require.resolve("@medusajs/cli/cli.js"), "plugin:build"], {
    cwd: root,
    stdio: "pipe",
  })
  fs.rmSync(appDir, { recursive: true, force: true })
  fs.mkdirSync(installedPlugin, { recursive: true })
  tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", appDir], {
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

/** The newest stable 2.x of @medusajs/medusa in the registry npm is configured with. */
function newestMedusa2(): string {
  const versions: string[] = JSON.parse(execFileSync("npm", ["view", "@medusajs/medusa", "versions", "--json"], { encoding: "utf8" }))
  const stable = versions.filter((v) => /^2\.\d+\.\d+$/.test(v))
  const parts = (v: string) => v.split(".").map(Number)
  return stable.sort((a, b) => {
    const [x, y] = [parts(a), parts(b)]
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
  })[stable.length - 1]
}

/** Runs the installed app's own Medusa CLI (not the repository's) and resolves with its output. */
function installedMedusa(dir: string, args: string[], env: NodeJS.ProcessEnv, log: string) {
  const fd = fs.openSync(log, "a")
  const child = spawn(process.execPath, [path.join(dir, "node_modules/@medusajs/cli/cli.js"), ...args], {
    cwd: dir,
    env,
    detached: true,
    stdio: ["ignore", fd, fd],
  })
  fs.closeSync(fd)
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  return { child, exited }
}

describe("installed with the newest Medusa 2.x in the registry", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stripe-collect-newest-medusa-"))
  const log = path.join(dir, "medusa.log")
  let server: ReturnType<typeof installedMedusa> | undefined
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined

  afterAll(async () => {
    if (server?.child.pid) {
      try {
        process.kill(-server.child.pid, "SIGKILL")
      } catch {
        // Gone already.
      }
      await server.exited
    }
    await database?.drop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it("installs from npm without peer conflicts, boots, and lists the provider", async () => {
    const version = newestMedusa2()
    console.log(`[package] installing the plugin with @medusajs/medusa ${version}, the newest 2.x in the registry`)
    // What an app made by create-medusa-app has, at that version; npm resolves the plugin's peers against it.
    fs.copyFileSync(path.join(appDir, tarball), path.join(dir, tarball))
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({
        name: "newest-medusa-app",
        private: true,
        version: "0.0.0",
        dependencies: {
          "@medusajs/medusa": version,
          "@medusajs/framework": version,
          "@medusajs/cli": version,
          "@medusajs/draft-order": version,
          "medusa-stripe-collect": `file:./${tarball}`,
        },
      })
    )
    // No --force, no --legacy-peer-deps: a peer range that conflicts fails here (ERESOLVE).
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir, stdio: "pipe" })
    const installed = JSON.parse(fs.readFileSync(path.join(dir, "node_modules/@medusajs/medusa/package.json"), "utf8")).version
    expect(installed).toBe(version)

    fs.writeFileSync(
      path.join(dir, "medusa-config.js"),
      fs
        .readFileSync(path.join(appDir, "medusa-config.js"), "utf8")
        .replace("projectConfig: {", "projectConfig: { databaseUrl: process.env.DATABASE_URL,")
    )
    database = await createTestDatabase("newest_medusa")
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "development",
      DATABASE_URL: database.url,
      PORT: String(port),
      MEDUSA_DISABLE_TELEMETRY: "true",
      LOG_LEVEL: "info",
    }
    for (const args of [["db:migrate"], ["user", "-e", ADMIN_LOGIN.email, "-p", ADMIN_LOGIN.password]]) {
      const step = installedMedusa(dir, args, env, log)
      expect({ args, code: await step.exited }).toEqual({ args, code: 0 })
    }
    server = installedMedusa(dir, ["start"], env, log)
    const url = `http://127.0.0.1:${port}`
    const until = Date.now() + 120_000
    while (
      !(await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false
      ))
    ) {
      if (Date.now() > until || server.child.exitCode !== null)
        throw new Error(`medusa start did not come up:\n${fs.readFileSync(log, "utf8").slice(-3000)}`)
      await sleep(500)
    }
    const admin = await adminClient(url)
    const { payment_providers } = expectStatus(await admin.get("/admin/payments/payment-providers"), 200, "listing payment providers")
    expect(payment_providers.map((p: { id: string }) => p.id)).toContain("pp_stripe-collect_installed")
  })
})
