import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// The audit trail of Settings → Stripe (who changed the account, store name or an address, when, from → to).
export class Migration20261202095249 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "stripe_collect_settings_change" ("id" text not null, "field" text not null, "from_value" text null, "to_value" text null, "actor_type" text check ("actor_type" in ('user', 'api_key', 'stripe', 'system')) not null, "actor_id" text null, "actor_label" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_settings_change_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_settings_change_deleted_at" ON "stripe_collect_settings_change" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_settings_change_field_created_at" ON "stripe_collect_settings_change" ("field", "created_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stripe_collect_settings_change" cascade;`)
  }
}
