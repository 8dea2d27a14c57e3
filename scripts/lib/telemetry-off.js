// Medusa's telemetry forks a detached `send.js` Node process whenever a process that loaded it exits,
// even with MEDUSA_DISABLE_TELEMETRY set (that only stops events being queued): dozens of forks per test
// run, each a second of CPU. Only the config's `telemetry.enabled: false` stops them. So the runs this
// project starts read Medusa's config from a directory of their own, never the user's (~/.config/medusa).
const fs = require("fs")
const os = require("os")
const path = require("path")

/** Environment for the processes of a test or benchmark run: telemetry off, the user's own setting untouched. */
function telemetryOffEnv() {
  const home = path.join(os.tmpdir(), "stripe-collect-medusa-config")
  const file = path.join(home, "medusa", "config.json")
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, JSON.stringify({ telemetry: { enabled: false } }))
  }
  return { XDG_CONFIG_HOME: home, MEDUSA_DISABLE_TELEMETRY: "true" }
}

module.exports = { telemetryOffEnv }
