import type { RunningSandbox } from "../../sandbox"
import {
  createTestDatabase,
  medusaEnv,
  MedusaProcess,
  newLogDir,
  prepareDatabase,
  type TestDatabase,
  type WorkerMode,
} from "./medusa-process"
import { SANDBOX_API_KEY, SANDBOX_RESEND_KEY, SANDBOX_WEBHOOK_SECRET } from "./sandbox"

/**
 * The app of a multi-process test: a fresh database (migrated, with the admin login) and one or
 * more `medusa start` processes on it, talking to the test's Stripe sandbox, and sharing Redis
 * when given one. `stop()` stops every process and drops the database, whatever failed before.
 */
export type MedusaApp = {
  database: TestDatabase
  logDir: string
  processes: MedusaProcess[]
  process(name: string): MedusaProcess
  stop(): Promise<void>
}

export async function startMedusaApp({
  label,
  sandbox,
  redisUrl,
  processes,
  env = {},
}: {
  label: string
  sandbox: RunningSandbox
  redisUrl?: string
  processes: { name: string; workerMode: WorkerMode }[]
  env?: Record<string, string | undefined>
}): Promise<MedusaApp> {
  const logDir = newLogDir(label)
  const database = await createTestDatabase(label)
  const started: MedusaProcess[] = []
  const stop = async () => {
    const problems: unknown[] = []
    await Promise.all(started.map((p) => p.stop().catch((e) => problems.push(e))))
    await database.drop().catch((e) => problems.push(e))
    if (problems.length) throw new AggregateError(problems, `Stopping ${label} failed`)
  }
  try {
    const appEnv = medusaEnv({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      STRIPE_API_KEY: SANDBOX_API_KEY,
      STRIPE_WEBHOOK_SECRET: SANDBOX_WEBHOOK_SECRET,
      STRIPE_API_HOST: sandbox.stripe.host,
      STRIPE_API_PORT: String(sandbox.stripe.port),
      STRIPE_API_PROTOCOL: sandbox.stripe.protocol,
      RESEND_API_KEY: SANDBOX_RESEND_KEY,
      RESEND_BASE_URL: sandbox.resendBaseUrl,
      ...env,
    })
    await prepareDatabase(appEnv, logDir)
    for (const spec of processes) {
      started.push(new MedusaProcess({ name: spec.name, workerMode: spec.workerMode, env: appEnv, logDir }))
    }
    // Started one after another: two cold starts at once on a small machine take longer than in turn.
    for (const p of started) await p.start()
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
  return {
    database,
    logDir,
    processes: started,
    process: (name) => {
      const found = started.find((p) => p.name === name)
      if (!found) throw new Error(`No process named ${name}`)
      return found
    },
    stop,
  }
}
