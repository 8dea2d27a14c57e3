// Stops one child started by the benchmark (its whole process group): SIGTERM, SIGKILL after a grace period.
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

function exitOf(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once("exit", () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

async function stopProcess(child, graceMs = 15_000) {
  signalGroup(child, "SIGTERM")
  if (!(await exitOf(child, graceMs))) {
    signalGroup(child, "SIGKILL")
    await exitOf(child, 5_000)
  }
}

module.exports = { stopProcess }
