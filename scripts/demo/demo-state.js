// What a previous `npm run demo` already did to its database (its migrations), so a second start skips
// it. Kept in .demo-data/state.json, per database.
const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { DEMO_DATA_DIR, PROJECT_ROOT } = require("./settings")

const STATE_FILE = path.join(DEMO_DATA_DIR, "state.json")

function readAll() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, "utf8"))
  } catch {
    return {}
  }
}

function readDemoState(databaseKey) {
  return readAll()[databaseKey] ?? {}
}

function saveDemoState(databaseKey, changes) {
  const all = readAll()
  all[databaseKey] = { ...all[databaseKey], ...changes }
  fs.mkdirSync(DEMO_DATA_DIR, { recursive: true })
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(all, null, 2)}\n`)
}

function filesUnder(folder) {
  if (!fs.existsSync(folder)) return []
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/**
 * Everything `medusa db:migrate` acts on: the installed Medusa (the lockfile), the app config, the
 * plugin's migrations and module links. Unchanged fingerprint, nothing to migrate.
 */
function migrationFingerprint() {
  const modules = path.join(PROJECT_ROOT, "src/modules")
  const migrationFolders = fs.existsSync(modules) ? fs.readdirSync(modules).map((name) => path.join(modules, name, "migrations")) : []
  const files = [
    path.join(PROJECT_ROOT, "package-lock.json"),
    path.join(PROJECT_ROOT, "package.json"),
    path.join(PROJECT_ROOT, "medusa-config.ts"),
    ...migrationFolders.flatMap(filesUnder),
    ...filesUnder(path.join(PROJECT_ROOT, "src/links")),
  ].filter((file) => fs.existsSync(file))
  const hash = crypto.createHash("sha256")
  for (const file of files.sort()) {
    hash.update(path.relative(PROJECT_ROOT, file))
    hash.update(fs.readFileSync(file))
  }
  return hash.digest("hex")
}

module.exports = { readDemoState, saveDemoState, migrationFingerprint }
