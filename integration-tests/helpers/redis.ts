import { spawn, spawnSync, type ChildProcess } from "child_process"
import Redis from "ioredis"
import { freePort, sleep } from "./medusa-process"

/**
 * A Redis of the test's own for Medusa's Redis modules (event bus, workflow engine, locking):
 * - REDIS_URL set: a database index on that server nobody uses (claimed atomically while empty),
 *   emptied again afterwards, so runs and other users of the server never see each other's keys;
 * - otherwise `redis-server` from PATH on a free port, without persistence, stopped afterwards;
 * - neither: an error saying how to get one (these tests are not skipped).
 */
export type TestRedis = { url: string; description: string; release(): Promise<void> }

const CLAIM_KEY = "stripe-collect-tests:claimed-by"
// Atomic: only an empty database is claimed.
const CLAIM_SCRIPT = `if redis.call('dbsize') == 0 then redis.call('set', KEYS[1], ARGV[1], 'EX', 21600) return 1 else return 0 end`

export async function provideRedis(): Promise<TestRedis> {
  if (process.env.REDIS_URL) return claimDatabase(process.env.REDIS_URL)
  if (spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0) return startRedisServer()
  throw new Error(
    "These tests need Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379) or install redis-server " +
      "(Debian: apt-get install -y redis-server). .ci/run installs it when neither is there."
  )
}

async function claimDatabase(serverUrl: string): Promise<TestRedis> {
  const client = new Redis(serverUrl, { lazyConnect: true, maxRetriesPerRequest: 2 })
  await client.connect().catch((error: Error) => {
    throw new Error(`REDIS_URL=${serverUrl} does not answer: ${error.message}`)
  })
  const owner = `pid ${process.pid} at ${new Date().toISOString()}`
  try {
    // Index 0 is what everyone uses by default; take one of the others, starting at a random one.
    const start = 1 + Math.floor(Math.random() * 15)
    for (let i = 0; i < 15; i++) {
      const db = 1 + ((start - 1 + i) % 15)
      try {
        await client.select(db)
      } catch {
        continue // the server has fewer databases
      }
      if ((await client.eval(CLAIM_SCRIPT, 1, CLAIM_KEY, owner)) === 1) {
        const url = new URL(serverUrl)
        url.pathname = `/${db}`
        return {
          url: url.toString(),
          description: `database ${db} of ${url.host} (REDIS_URL)`,
          release: async () => {
            try {
              await client.select(db)
              await client.flushdb()
            } finally {
              client.disconnect()
            }
          },
        }
      }
    }
  } catch (error) {
    client.disconnect()
    throw error
  }
  client.disconnect()
  throw new Error(`REDIS_URL=${serverUrl} has no empty database (1-15) to use for the tests`)
}

async function startRedisServer(): Promise<TestRedis> {
  const port = await freePort()
  let output = ""
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  })
  child.stdout?.on("data", (chunk) => (output = (output + chunk).slice(-4000)))
  child.stderr?.on("data", (chunk) => (output = (output + chunk).slice(-4000)))
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
  }
  process.on("exit", kill)

  const url = `redis://127.0.0.1:${port}/0`
  const until = Date.now() + 15_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}):\n${output}`)
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    const pong = await client
      .connect()
      .then(() => client.ping())
      .catch(() => null)
    client.disconnect()
    if (pong === "PONG") {
      return {
        url,
        description: `redis-server (pid ${child.pid}) on 127.0.0.1:${port}`,
        release: async () => {
          process.off("exit", kill)
          if (child.exitCode !== null || child.signalCode !== null) return
          const exited = new Promise((resolve) => child.once("exit", resolve))
          child.kill("SIGTERM")
          await Promise.race([exited, sleep(5_000)])
          kill()
        },
      }
    }
    await sleep(100)
  }
  kill()
  throw new Error(`redis-server did not answer on port ${port} within 15 s:\n${output}`)
}
