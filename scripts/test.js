#!/usr/bin/env node
// Runs the test suites (all, or the one named) against the configured or an embedded PostgreSQL.
const { spawn } = require("child_process")
const fs = require("fs")
const { credentialsFromEnv, startEmbeddedPostgres } = require("./lib/database")
const { telemetryOffEnv } = require("./lib/telemetry-off")
const { createTemplateDatabase } = require("./lib/template-database")

const JEST_SUITES = ["unit", "integration:modules", "integration:package", "integration:http"]
// A full run (no suite named) type-checks and checks formatting first; a failure fails the run, and the suites still run.
const STATIC_CHECKS = ["typecheck", "format"]
const ALL = [...STATIC_CHECKS, ...JEST_SUITES, "e2e"]
// Run only when named (`npm run test:reliability`): several real Medusa processes, minutes long.
const ON_REQUEST = ["integration:multi-process"]
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SERIAL = new Set(["integration:package", "integration:modules", "integration:multi-process"])
// HTTP spec files each boot their own app on their own database copy, sandbox and port; three at a time use the
// time each spends waiting (Stripe's retries, the webhook queue): on 2 cores 5.2 min instead of 12 (4: 5.8 min).
// HTTP_TEST_WORKERS overrides.
const HTTP_WORKERS = process.env.HTTP_TEST_WORKERS || "3"
// Only the multi-process suite uses REDIS_URL; the other suites keep Medusa's in-memory modules.
const USES_REDIS = new Set(["integration:multi-process"])
// Spec files that copy this run's migrated template database instead of migrating their own.
const USES_TEMPLATE = new Set(["integration:http"])

/** tsc --noEmit over every TypeScript project (scripts/typecheck.js). */
function runTypecheck() {
  return new Promise((resolve) => {
    console.log("\n=== typecheck ===")
    const child = spawn(process.execPath, [require.resolve("./typecheck.js")], { stdio: "inherit" })
    child.on("exit", (code, signal) => resolve(signal ? 1 : (code ?? 1)))
  })
}

/** prettier --check over the repository (the config and .prettierignore say what and how). */
function runFormatCheck() {
  return new Promise((resolve) => {
    console.log("\n=== format ===")
    const child = spawn(process.execPath, [require.resolve("prettier/bin/prettier.cjs"), "--check", "--log-level", "warn", "."], {
      stdio: "inherit",
    })
    child.on("exit", (code, signal) => {
      if (code === 0) console.log("Every file is formatted (prettier --check)")
      else if (!signal) console.log("Some files are not formatted: npm run format")
      resolve(signal ? 1 : (code ?? 1))
    })
  })
}

/** The browser tests: their own runner (scripts/e2e.js), on this run's PostgreSQL. */
function runE2e(env, extraArgs) {
  return new Promise((resolve) => {
    console.log("\n=== e2e ===")
    const childEnv = { ...process.env, ...env }
    delete childEnv.REDIS_URL
    const child = spawn(process.execPath, [require.resolve("./e2e.js"), ...extraArgs], { stdio: "inherit", env: childEnv })
    child.on("exit", (code, signal) => resolve(signal ? 1 : (code ?? 1)))
  })
}

function runJest(suite, env, extraArgs) {
  return new Promise((resolve) => {
    const args = [
      "--experimental-vm-modules",
      "--no-warnings=ExperimentalWarning",
      require.resolve("jest/bin/jest"),
      "--silent=false",
      "--forceExit",
    ]
    // One file at a time, in a worker jest replaces when it grows past workerIdleMemoryLimit (jest.config.js):
    // a single process running every Medusa app of the suite ran out of heap.
    if (SERIAL.has(suite)) args.push("--maxWorkers=1")
    if (suite === "integration:http") args.push(`--maxWorkers=${HTTP_WORKERS}`)
    args.push(...extraArgs)
    console.log(`\n=== ${suite} ===`)
    const childEnv = { LOG_LEVEL: "error", ...process.env, ...env, TEST_TYPE: suite, NODE_ENV: "test" }
    if (!USES_REDIS.has(suite)) delete childEnv.REDIS_URL
    const child = spawn(process.execPath, args, { stdio: "inherit", env: childEnv })
    child.on("exit", (code, signal) => resolve(signal ? 1 : (code ?? 1)))
  })
}

async function main() {
  // Every process this run starts (jest, Medusa apps, migrations, the browser tests' store) inherits it.
  Object.assign(process.env, telemetryOffEnv())
  const [requested, ...extraArgs] = process.argv.slice(2)
  // The browser tests run by default only where Chromium is installed (CI installs it).
  const suites = requested ? [requested] : ALL.filter((s) => s !== "e2e" || fs.existsSync(chromium))
  if (!requested && !suites.includes("e2e")) {
    console.log(`Chromium not found at ${chromium}: skipping the browser tests (apt-get install chromium, then npm run test:e2e)`)
  }
  for (const suite of suites) {
    if (!ALL.includes(suite) && !ON_REQUEST.includes(suite)) {
      console.error(`Unknown suite "${suite}". Use one of: ${[...ALL, ...ON_REQUEST].join(", ")}`)
      process.exit(2)
    }
  }

  const needsDb = suites.some((s) => s !== "unit" && !STATIC_CHECKS.includes(s))
  let database = null
  let dbEnv = credentialsFromEnv()
  if (needsDb && !dbEnv) {
    console.log("No DATABASE_URL or DB_HOST set: starting an embedded PostgreSQL for this run")
    database = await startEmbeddedPostgres()
    dbEnv = database.env
    console.log(`Embedded PostgreSQL listening on 127.0.0.1:${dbEnv.DB_PORT}`)
  }
  let template = null
  const stop = async () => {
    if (template) {
      const t = template
      template = null
      await t.drop().catch((e) => console.error(`Could not drop the template database ${t.name}:`, e))
    }
    if (database) {
      const d = database
      database = null
      await d.stop().catch((e) => console.error("Could not stop embedded PostgreSQL:", e))
    }
  }
  process.on("SIGINT", () => stop().then(() => process.exit(130)))
  process.on("SIGTERM", () => stop().then(() => process.exit(143)))

  // @medusajs/test-utils turns on SSL for any database URL without "localhost" in it.
  if (dbEnv && ["127.0.0.1", "::1"].includes(dbEnv.DB_HOST)) dbEnv = { ...dbEnv, DB_HOST: "localhost" }

  const results = []
  try {
    for (const suite of suites) {
      if (USES_TEMPLATE.has(suite) && !template) {
        const started = Date.now()
        template = await createTemplateDatabase(dbEnv)
        console.log(`Template database ${template.name} migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      }
      const env = { ...(dbEnv ?? {}), ...(USES_TEMPLATE.has(suite) ? template.env : {}) }
      const code =
        suite === "typecheck"
          ? await runTypecheck()
          : suite === "format"
            ? await runFormatCheck()
            : suite === "e2e"
              ? await runE2e(env, extraArgs)
              : await runJest(suite, env, extraArgs)
      results.push({ suite, code })
    }
  } finally {
    await stop()
  }
  console.log("\n=== summary ===")
  for (const { suite, code } of results) {
    console.log(`${code === 0 ? "PASS" : "FAIL"}  ${suite}`)
  }
  process.exit(results.every((r) => r.code === 0) ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
