// The Medusa CLI steps of a start: migrations, the seed, the admin login, and the server itself.
const { ADMIN, MEDUSA_CLI, PROJECT_ROOT, SEED_SCRIPT } = require("./settings")

const cli = (processes, name, args, env) => processes.run(name, process.execPath, [MEDUSA_CLI, ...args], { env, cwd: PROJECT_ROOT })

function migrate(processes, env) {
  return cli(processes, "migrate", ["db:migrate"], env)
}

function seed(processes, env) {
  return cli(processes, "seed", ["exec", SEED_SCRIPT], env)
}

/** The dashboard login; a second run finds it already there. */
async function createAdminUser(processes, env) {
  try {
    await cli(processes, "admin-user", ["user", "-e", ADMIN.email, "-p", ADMIN.password], env)
    return "created"
  } catch (error) {
    if (/already exists/i.test(String(error.message))) return "already there"
    throw error
  }
}

/**
 * `medusa start` in development mode from the project itself: the plugin's current source with the
 * dashboard built by Vite as it is served. No file watcher (unlike `medusa develop`), so edits made
 * while it runs never restart it in the middle of a test.
 */
async function startServer(processes, env, port) {
  const origin = `http://localhost:${port}`
  await processes.start("medusa", process.execPath, [MEDUSA_CLI, "start"], {
    env: { ...env, NODE_ENV: "development", PORT: String(port) },
    cwd: PROJECT_ROOT,
    ready: async () => (await fetch(`${origin}/health`)).ok,
  })
  return origin
}

const importsOf = (code, base) =>
  [...code.matchAll(/(?:^|\n)\s*import\s+(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/g)].map((m) => new URL(m[1], base).toString())

/**
 * The first dashboard request makes Vite pre-bundle the dashboard's dependencies and compile the
 * plugin's admin code; requesting the entry and what it imports here keeps the first page view quick.
 */
async function warmDashboard(origin) {
  const page = await fetch(`${origin}/app`)
  if (!page.ok) throw new Error(`The dashboard answered ${page.status} at ${origin}/app`)
  const html = await page.text()
  const entries = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1], `${origin}/app/`).toString())
  const modules = await Promise.all(entries.map(async (src) => importsOf(await (await fetch(src)).text(), src)))
  await Promise.all([...new Set(modules.flat())].map((src) => fetch(src).then((r) => r.text())))
}

module.exports = { migrate, seed, createAdminUser, startServer, warmDashboard }
