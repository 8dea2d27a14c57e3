import { spawn, type ChildProcess } from "child_process"
import { randomBytes } from "crypto"
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"
import { Client } from "pg"

/**
 * Real Medusa processes for the multi-process reliability tests: `medusa start` from the project
 * root (NODE_ENV=development, the plugin's current source, no dashboard), each in its own process
 * group with its log in a file outside the project, on a fresh database of its own.
 */

export const PROJECT_ROOT = path.resolve(__dirname, "../..")
export const MEDUSA_CLI = require.resolve("@medusajs/cli/cli.js", { paths: [PROJECT_ROOT] })
export const ADMIN_LOGIN = { email: "admin@stripe-collect.test", password: "supersecret-reliability" }

export type WorkerMode = "shared" | "server" | "worker"

const LOG_ROOT = path.join(os.tmpdir(), "stripe-collect-multi-process")
const STOP_GRACE_MS = 10_000

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function tail(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n")
  } catch {
    return "(no output)"
  }
}

/** A folder for this run's logs, outside the project (Medusa's watchers must never see them). */
export function newLogDir(label: string): string {
  const dir = path.join(LOG_ROOT, `${label}-${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}`)
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a fresh database per spec file on the server scripts/test.js provides.

type PgServer = { host: string; port: number; user: string; password: string }

/** The server from DATABASE_URL or DB_* (scripts/test.js sets DB_*, starting an embedded one if needed). */
export function postgresServerFromEnv(env = process.env): PgServer {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL)
    return {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || "postgres"),
      password: decodeURIComponent(url.password || ""),
    }
  }
  if (env.DB_HOST) {
    return {
      host: env.DB_HOST,
      port: Number(env.DB_PORT || 5432),
      user: env.DB_USERNAME || "postgres",
      password: env.DB_PASSWORD || "",
    }
  }
  throw new Error(
    "No PostgreSQL configured (DATABASE_URL or DB_HOST). Run these tests with `npm run test:reliability`, which starts an embedded PostgreSQL when none is configured."
  )
}

function pgUrl(server: PgServer, database: string) {
  const auth = `${encodeURIComponent(server.user)}${server.password ? `:${encodeURIComponent(server.password)}` : ""}`
  return `postgres://${auth}@${server.host}:${server.port}/${database}`
}

export type TestDatabase = {
  name: string
  url: string
  /** A client on this database (the caller ends it). */
  connect(): Promise<Client>
  drop(): Promise<void>
}

/** Creates an empty database with a unique name; `drop()` removes it, forcing out any connection left. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const server = postgresServerFromEnv()
  const name = `sc_${label.replace(/\W+/g, "_")}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`.toLowerCase()
  const onServer = async (sql: string) => {
    const client = new Client({ connectionString: pgUrl(server, "postgres") })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await onServer(`create database "${name}"`)
  let dropped = false
  return {
    name,
    url: pgUrl(server, name),
    connect: async () => {
      const client = new Client({ connectionString: pgUrl(server, name) })
      await client.connect()
      return client
    },
    drop: async () => {
      if (dropped) return
      dropped = true
      await onServer(`drop database if exists "${name}" with (force)`)
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Processes.

const running = new Set<ChildProcess>()
let exitHookInstalled = false

/** Last resort when the test process ends without stopping them (a crash, --forceExit): no orphans. */
function installExitHook() {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on("exit", () => {
    for (const child of running) signalGroup(child, "SIGKILL")
  })
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is gone already.
  }
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null

function waitForExit(child: ChildProcess, ms?: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = ms ? setTimeout(() => resolve(false), ms) : null
    child.once("exit", () => {
      if (timer) clearTimeout(timer)
      resolve(true)
    })
  })
}

function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  installExitHook()
  const fd = fs.openSync(logFile, "a")
  const child = spawn(process.execPath, [MEDUSA_CLI, ...args], {
    cwd: PROJECT_ROOT,
    env,
    detached: true,
    stdio: ["ignore", fd, fd],
  })
  fs.closeSync(fd)
  running.add(child)
  child.once("exit", () => running.delete(child))
  return child
}

/**
 * The environment a Medusa process of these tests gets: ours minus what belongs to jest or to
 * another Medusa (a REDIS_URL only when asked), plus the app's own settings.
 */
export function medusaEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of ["TEST_TYPE", "JEST_WORKER_ID", "REDIS_URL", "MEDUSA_WORKER_MODE", "PORT", "DATABASE_URL"]) {
    delete env[key]
  }
  Object.assign(env, {
    NODE_ENV: "development",
    MEDUSA_DISABLE_ADMIN: "true",
    LOG_LEVEL: process.env.MEDUSA_PROCESS_LOG_LEVEL ?? "info",
    MEDUSA_DISABLE_TELEMETRY: "true",
  })
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

/** Runs one Medusa CLI command to completion (migrations, creating the admin user). */
export async function runMedusaCli(name: string, args: string[], env: NodeJS.ProcessEnv, logDir: string) {
  const logFile = path.join(logDir, `${name}.log`)
  const child = spawnLogged(args, env, logFile)
  await waitForExit(child)
  if (child.exitCode !== 0) {
    throw new Error(
      `medusa ${args.join(" ")} failed (exit ${child.exitCode ?? child.signalCode}). Last lines of ${logFile}:\n${tail(logFile)}`
    )
  }
}

/** Migrates the database and creates the admin login, as an installing merchant would. */
export async function prepareDatabase(env: NodeJS.ProcessEnv, logDir: string) {
  await runMedusaCli("migrate", ["db:migrate"], env, logDir)
  await runMedusaCli("admin-user", ["user", "-e", ADMIN_LOGIN.email, "-p", ADMIN_LOGIN.password], env, logDir)
}

export type MedusaProcessOptions = {
  name: string
  workerMode: WorkerMode
  /** DATABASE_URL, REDIS_URL, Stripe and Resend settings... (see medusaEnv) */
  env: NodeJS.ProcessEnv
  logDir: string
  port?: number
}

/** One `medusa start` process: start, health, SIGKILL, restart on the same port, stop, logs. */
export class MedusaProcess {
  readonly name: string
  readonly workerMode: WorkerMode
  readonly logFile: string
  port = 0
  private child: ChildProcess | null = null
  private starts = 0

  constructor(private readonly options: MedusaProcessOptions) {
    this.name = options.name
    this.workerMode = options.workerMode
    this.logFile = path.join(options.logDir, `${options.name}.log`)
    this.port = options.port ?? 0
  }

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  get pid() {
    return this.child?.pid
  }

  get isRunning() {
    return !!this.child && !hasExited(this.child)
  }

  async start(timeoutMs = 180_000) {
    if (this.isRunning) throw new Error(`${this.name} is already running`)
    if (!this.port) this.port = await freePort()
    this.starts += 1
    fs.appendFileSync(
      this.logFile,
      `\n===== start #${this.starts} (${this.workerMode}) on port ${this.port} at ${new Date().toISOString()} =====\n`
    )
    const env = { ...this.options.env, PORT: String(this.port), MEDUSA_WORKER_MODE: this.workerMode }
    this.child = spawnLogged(["start"], env, this.logFile)
    await this.waitUntilHealthy(timeoutMs)
    return this
  }

  /** Polls /health (every worker mode answers it) until it is 200; fails fast when the process exits. */
  async waitUntilHealthy(timeoutMs = 180_000) {
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      if (!this.isRunning) {
        throw new Error(`${this.name} exited before it was healthy (${this.child?.exitCode ?? this.child?.signalCode}).\n${this.logs()}`)
      }
      const ok = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.ok)
        .catch(() => false)
      if (ok) return
      await sleep(250)
    }
    throw new Error(`${this.name} was not healthy within ${timeoutMs / 1000} s.\n${this.logs()}`)
  }

  /** Sends a signal to the whole process group; SIGKILL is a crash: nothing gets to clean up. */
  async kill(signal: NodeJS.Signals = "SIGKILL") {
    const child = this.child
    if (!child || hasExited(child)) return
    signalGroup(child, signal)
    await waitForExit(child, 15_000)
    fs.appendFileSync(this.logFile, `\n===== ${signal} at ${new Date().toISOString()} =====\n`)
  }

  /** Graceful stop (SIGTERM), SIGKILL after a grace period. */
  async stop() {
    const child = this.child
    if (!child || hasExited(child)) return
    signalGroup(child, "SIGTERM")
    if (!(await waitForExit(child, STOP_GRACE_MS))) {
      signalGroup(child, "SIGKILL")
      await waitForExit(child, 5_000)
    }
    // Anything the group leader started goes too.
    signalGroup(child, "SIGKILL")
  }

  /** Starts it again on the same port (after kill() or stop()). */
  async restart(timeoutMs?: number) {
    await this.stop()
    return this.start(timeoutMs)
  }

  /** The last lines of its log, titled. */
  logs(lines = 80) {
    return `----- ${this.name} (${this.workerMode}, port ${this.port}, log ${this.logFile}) -----\n${tail(this.logFile, lines)}`
  }
}

// ---------------------------------------------------------------------------------------------
// Talking to a running process over HTTP, as the dashboard does.

export type HttpAnswer<T = any> = { status: number; data: T; headers: Headers }

export class MedusaHttp {
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {}
  ) {}

  /** The same credentials against another process of the app. */
  withBaseUrl(baseUrl: string) {
    return new MedusaHttp(baseUrl, this.headers)
  }

  withHeaders(headers: Record<string, string>) {
    return new MedusaHttp(this.baseUrl, { ...this.headers, ...headers })
  }

  async request<T = any>(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...this.headers, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    })
    const text = await response.text()
    let data: any = text
    try {
      data = text ? JSON.parse(text) : null
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, data, headers: response.headers }
  }

  get<T = any>(pathname: string, headers?: Record<string, string>) {
    return this.request<T>("GET", pathname, undefined, headers)
  }

  post<T = any>(pathname: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>("POST", pathname, body, headers)
  }
}

/** Fails with the answer in the message unless the status is the one expected. */
export function expectStatus<T>(answer: HttpAnswer<T>, status: number, what: string): T {
  if (answer.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.data).slice(0, 1000)}`)
  }
  return answer.data
}

/** Logs in with the admin user `prepareDatabase` created; the client sends its bearer token. */
export async function adminClient(baseUrl: string): Promise<MedusaHttp> {
  const login = await new MedusaHttp(baseUrl).post<{ token: string }>("/auth/user/emailpass", ADMIN_LOGIN)
  const { token } = expectStatus(login, 200, "admin login")
  return new MedusaHttp(baseUrl, { authorization: `Bearer ${token}` })
}

/** Runs a test body; when it fails, the error carries the last lines of every process's log. */
export function withProcessLogs(processes: () => MedusaProcess[], body: () => Promise<void>) {
  return async () => {
    try {
      await body()
    } catch (error) {
      const logs = processes()
        .map((p) => p.logs(40))
        .join("\n")
      if (error instanceof Error) {
        error.message = `${error.message}\n\nMedusa logs:\n${logs}`
        throw error
      }
      throw new Error(`${String(error)}\n\nMedusa logs:\n${logs}`)
    }
  }
}
