// 5: what the plugin adds to the admin bundle — the admin half of `medusa plugin:build`
// (@medusajs/admin-bundler's plugin build), written to a scratch folder so .medusa/server is left alone.
const fs = require("fs")
const path = require("path")
const zlib = require("zlib")

const BUILD = `
import("@medusajs/admin-bundler")
  .then((bundler) => bundler.plugin({ root: process.argv[1], outDir: process.argv[2] }))
  .then(() => process.exit(0), (error) => { console.error(error); process.exit(1) })
`

async function measureDashboardWeight({ processes, projectRoot }) {
  const outDir = path.join(projectRoot, ".test-data", "bench-admin-build")
  fs.rmSync(outDir, { recursive: true, force: true })
  await processes.run("admin-build", process.execPath, ["-e", BUILD, projectRoot, outDir], { env: process.env, cwd: projectRoot })
  const adminDir = path.join(outDir, "src", "admin")
  const entry = path.join(adminDir, "index.mjs")
  const code = fs.readFileSync(entry)
  const files = fs.readdirSync(adminDir)
  const result = {
    file: ".medusa/server/src/admin/index.mjs",
    bytes: code.length,
    gzip_bytes: zlib.gzipSync(code, { level: 9 }).length,
    other_files: files.filter((f) => f !== "index.mjs"),
  }
  fs.rmSync(outDir, { recursive: true, force: true })
  return result
}

module.exports = { measureDashboardWeight }
