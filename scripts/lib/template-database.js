// One migrated database per test run, which each HTTP spec file copies (CREATE DATABASE ... TEMPLATE)
// instead of running every module's migrations itself (~10 s a file on 2 cores).
const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawn } = require("child_process")
const { Client, escapeIdentifier } = require("@medusajs/framework/pg")

const PROJECT_ROOT = path.resolve(__dirname, "../..")
const MEDUSA_CLI = require.resolve("@medusajs/cli/cli.js", { paths: [PROJECT_ROOT] })
/** Names are `<prefix><pid>_<time>`: the pid tells whether the run that made one is still alive. */
const PREFIX = "sc_template_"
/** What the test runner reads (integration-tests/helpers/template-test-runner.ts). */
const TEMPLATE_ENV = "STRIPE_COLLECT_TEST_TEMPLATE_DB"

async function withServer(credentials, action) {
  const client = new Client({
    host: credentials.DB_HOST,
    port: Number(credentials.DB_PORT || 5432),
    user: credentials.DB_USERNAME || "postgres",
    password: credentials.DB_PASSWORD || undefined,
    database: "postgres",
  })
  await client.connect()
  try {
    return await action(client)
  } finally {
    await client.end()
  }
}

const processIsAlive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === "EPERM"
  }
}

/** Templates left by runs that were killed before they could drop theirs (never another live run's). */
async function dropAbandonedTemplates(client) {
  const { rows } = await client.query("select datname from pg_database where datname like $1", [`${PREFIX}%`])
  for (const { datname } of rows) {
    const pid = Number(datname.slice(PREFIX.length).split("_")[0])
    if (Number.isInteger(pid) && pid > 0 && !processIsAlive(pid)) {
      await client.query(`drop database if exists ${escapeIdentifier(datname)} with (force)`)
    }
  }
}

function databaseUrl(credentials, name) {
  const auth = `${encodeURIComponent(credentials.DB_USERNAME || "postgres")}${credentials.DB_PASSWORD ? `:${encodeURIComponent(credentials.DB_PASSWORD)}` : ""}`
  return `postgres://${auth}@${credentials.DB_HOST}:${credentials.DB_PORT || 5432}/${name}`
}

/** `medusa db:migrate` as the HTTP test runner migrates: modules and links, no migration scripts, no Redis. */
function migrate(url, logFile) {
  const env = {
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    MEDUSA_DISABLE_ADMIN: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
  }
  for (const key of ["REDIS_URL", "TEST_TYPE", "JEST_WORKER_ID", TEMPLATE_ENV]) delete env[key]
  const out = fs.openSync(logFile, "w")
  const child = spawn(process.execPath, [MEDUSA_CLI, "db:migrate", "--skip-scripts", "--execute-safe-links"], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", out, out],
  })
  return new Promise((resolve, reject) => {
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      fs.closeSync(out)
      if (code === 0) return resolve()
      const tail = fs.readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-30).join("\n")
      reject(new Error(`medusa db:migrate for the template database failed (${signal ?? `exit ${code}`}). Log ${logFile}:\n${tail}`))
    })
  })
}

/**
 * Creates and migrates this run's template database with the plugin's current migrations (never reused
 * across runs). Returns its name, the env that points the test runner at it, and `drop()`.
 */
async function createTemplateDatabase(credentials) {
  const name = `${PREFIX}${process.pid}_${Date.now().toString(36)}`
  await withServer(credentials, async (client) => {
    await dropAbandonedTemplates(client)
    await client.query(`create database ${escapeIdentifier(name)}`)
  })
  const drop = () => withServer(credentials, (client) => client.query(`drop database if exists ${escapeIdentifier(name)} with (force)`))
  const logFile = path.join(os.tmpdir(), `${name}-migrate.log`)
  try {
    await migrate(databaseUrl(credentials, name), logFile)
    // Copies need a template nobody is connected to; refusing connections keeps it that way.
    await withServer(credentials, (client) => client.query(`alter database ${escapeIdentifier(name)} with allow_connections false`))
  } catch (error) {
    await drop().catch(() => undefined)
    throw error
  }
  fs.rmSync(logFile, { force: true })
  return { name, env: { [TEMPLATE_ENV]: name }, drop }
}

module.exports = { createTemplateDatabase, TEMPLATE_ENV }
