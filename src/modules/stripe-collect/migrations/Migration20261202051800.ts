import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Invoices: one numbered invoice per order (versions on order edits), each store's number series, and its prefix setting.
export class Migration20261202051800 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "stripe_collect_invoice" ("id" text not null, "order_id" text not null, "store_id" text not null, "number" text not null, "version" integer not null default 1, "status" text check ("status" in ('issued', 'superseded', 'void')) not null default 'issued', "order_total" numeric not null, "currency_code" text not null, "issued_at" timestamptz not null, "superseded_at" timestamptz null, "voided_at" timestamptz null, "raw_order_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_invoice_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_invoice_deleted_at" ON "stripe_collect_invoice" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_invoice_store_id_number_version_unique" ON "stripe_collect_invoice" ("store_id", "number", "version") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_invoice_order_id_version_unique" ON "stripe_collect_invoice" ("order_id", "version") WHERE deleted_at IS NULL;`)
    this.addSql(`create table if not exists "stripe_collect_invoice_sequence" ("id" text not null, "series" text not null, "last_number" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_invoice_sequence_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_invoice_sequence_deleted_at" ON "stripe_collect_invoice_sequence" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_invoice_sequence_series_unique" ON "stripe_collect_invoice_sequence" ("series") WHERE deleted_at IS NULL;`)
    this.addSql(`alter table if exists "stripe_collect_connection" add column if not exists "invoice_prefix" text null;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stripe_collect_invoice" cascade;`)
    this.addSql(`drop table if exists "stripe_collect_invoice_sequence" cascade;`)
    this.addSql(`alter table if exists "stripe_collect_connection" drop column if exists "invoice_prefix";`)
  }
}
