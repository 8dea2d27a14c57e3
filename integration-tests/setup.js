const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

// Each test file boots its own app; stale ORM metadata from a previous file would leak into it.
MetadataStorage.clear()
