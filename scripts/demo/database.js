// The database the app runs on: DATABASE_URL as given, a fresh database on a configured server, or an
// embedded PostgreSQL (kept in a folder for the demo, temporary for the browser tests).
const fs = require("fs")
const os = require("os")
const path = require("path")
const { credentialsFromEnv } = require("../lib/database")

function serverUrl(credentials, database) {
  const auth = `${encodeURIComponent(credentials.DB_USERNAME)}${credentials.DB_PASSWORD ? `:${encodeURIComponent(credentials.DB_PASSWORD)}` : ""}`
  return `postgres://${auth}@${credentials.DB_HOST}:${credentials.DB_PORT}/${database}`
}

async function onServer(credentials, statement) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: serverUrl(credentials, "postgres") })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * fresh: a new, empty database removed by `discard()` (browser tests); otherwise the demo's database,
 * kept between runs and named by `key`. `processes` starts the embedded server when no server is configured.
 */
async function openDatabase({ processes, fresh, dataDir, name }) {
  if (!fresh && process.env.DATABASE_URL) {
    const key = new URL(process.env.DATABASE_URL)
    key.password = ""
    return { url: process.env.DATABASE_URL, key: key.toString(), description: "DATABASE_URL", discard: async () => {} }
  }
  const configured = fresh ? credentialsFromEnv() : null
  if (configured) {
    const database = `${name}_${Date.now().toString(36)}_${process.pid}`
    await onServer(configured, `create database "${database}"`)
    return {
      url: serverUrl(configured, database),
      key: null,
      description: `database ${database} on ${configured.DB_HOST}:${configured.DB_PORT} (dropped afterwards)`,
      discard: () => onServer(configured, `drop database if exists "${database}" with (force)`),
    }
  }
  const folder = fresh ? fs.mkdtempSync(path.join(os.tmpdir(), "stripe-collect-e2e-pg-")) : dataDir
  const embedded = await processes.fork("postgres", path.join(__dirname, "services/postgres.js"), {
    env: { ...process.env, STRIPE_COLLECT_PG_DIR: folder, STRIPE_COLLECT_PG_DATABASE: name },
  })
  return {
    url: embedded.url,
    // The embedded server gets a new port each start; its data folder is what identifies it.
    key: fresh ? null : `embedded:${folder}`,
    description: `embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${folder}${fresh ? " (temporary)" : ""}`,
    discard: async () => {
      if (fresh) fs.rmSync(folder, { recursive: true, force: true })
    },
  }
}

module.exports = { openDatabase }
