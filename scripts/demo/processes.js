// The processes the demo and the browser tests start: each in its own process group with a log file
// outside the project (medusa develop-style watchers must not see them), stopped newest first.
const { fork, spawn } = require("child_process")
const fs = require("fs")
const path = require("path")

const STOP_GRACE_MS = 15_000

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n")
  } catch {
    return "(no output)"
  }
}

class StartFailed extends Error {
  constructor(name, reason, logFile) {
    super(`${name} ${reason}. Last lines of ${logFile}:\n${tail(logFile)}`)
    this.logFile = logFile
  }
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null
}

/** Resolves true once the child exited, false when `ms` passed first (no limit without `ms`). */
function waitForExit(child, ms) {
  if (exited(child)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = ms ? setTimeout(() => resolve(false), ms) : null
    child.once("exit", () => {
      if (timer) clearTimeout(timer)
      resolve(true)
    })
  })
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is gone already.
  }
}

class ProcessGroup {
  constructor({ logDir }) {
    this.logDir = logDir
    this.running = []
    fs.mkdirSync(logDir, { recursive: true })
    // Last resort when this process ends without stopping them (an uncaught error): no orphans.
    process.on("exit", () => this.running.forEach(({ child }) => signalGroup(child, "SIGKILL")))
  }

  logFile(name) {
    return path.join(this.logDir, `${name}.log`)
  }

  openLog(name) {
    const file = this.logFile(name)
    return { file, fd: fs.openSync(file, "w") }
  }

  track(name, child, fd) {
    fs.closeSync(fd)
    const entry = { name, child }
    this.running.push(entry)
    child.once("exit", () => {
      this.running = this.running.filter((e) => e !== entry)
    })
    return child
  }

  /** Runs a command to completion (migrations, seeding); rejects with its log's tail when it fails. */
  async run(name, command, args, { env, cwd } = {}) {
    const { file, fd } = this.openLog(name)
    const child = this.track(name, spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", fd, fd] }), fd)
    await waitForExit(child)
    if (child.exitCode !== 0) throw new StartFailed(name, `failed (exit ${child.exitCode ?? child.signalCode})`, file)
    return { logFile: file, output: () => fs.readFileSync(file, "utf8") }
  }

  /** Starts a long-running command (the Medusa server); `ready()` decides when it is up. */
  async start(name, command, args, { env, cwd, ready, timeoutMs = 180_000 }) {
    const { file, fd } = this.openLog(name)
    const child = this.track(name, spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", fd, fd] }), fd)
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      if (exited(child)) throw new StartFailed(name, `stopped before it was ready (exit ${child.exitCode ?? child.signalCode})`, file)
      if (await ready().catch(() => false)) return { child, logFile: file }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    throw new StartFailed(name, `was not ready within ${timeoutMs / 1000} s`, file)
  }

  /** Forks one of our service scripts, which reports `{ ready: {...} }` over IPC when it is up. */
  async fork(name, script, { env, timeoutMs = 120_000 }) {
    const { file, fd } = this.openLog(name)
    const child = this.track(name, fork(script, [], { env, detached: true, stdio: ["ignore", fd, fd, "ipc"] }), fd)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new StartFailed(name, `was not ready within ${timeoutMs / 1000} s`, file)), timeoutMs)
      child.on("message", (message) => {
        if (message && message.ready) {
          clearTimeout(timer)
          resolve({ child, logFile: file, ...message.ready })
        }
      })
      child.once("exit", (code, signal) => {
        clearTimeout(timer)
        reject(new StartFailed(name, `stopped before it was ready (exit ${code ?? signal})`, file))
      })
    })
  }

  /** Stops everything still running, newest first: SIGTERM to the group, SIGKILL after a grace period. */
  async stopAll() {
    for (const { child } of this.running.slice().reverse()) {
      signalGroup(child, "SIGTERM")
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        signalGroup(child, "SIGKILL")
        await waitForExit(child, 5_000)
      }
      // Children of the group leader (vite's esbuild, postgres) may outlive it by a moment.
      signalGroup(child, "SIGKILL")
    }
  }
}

module.exports = { ProcessGroup, StartFailed, tail }
