import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Money out (refunds and lost disputes, by Stripe's id), disputes, and "dispute" lines in the order's activity.
export class Migration20261202050523 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "stripe_collect_dispute" ("id" text not null, "stripe_dispute_id" text not null, "charge_id" text not null, "payment_intent_id" text not null, "stripe_account" text null, "order_id" text not null, "payment_id" text not null, "amount" numeric not null, "currency_code" text not null, "reason" text not null, "status" text not null, "evidence_due_by" timestamptz null, "livemode" boolean not null default false, "notified_at" timestamptz null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_dispute_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_dispute_deleted_at" ON "stripe_collect_dispute" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_dispute_stripe_dispute_id_unique" ON "stripe_collect_dispute" ("stripe_dispute_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_dispute_order_id" ON "stripe_collect_dispute" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(`create table if not exists "stripe_collect_money_out" ("id" text not null, "kind" text check ("kind" in ('refund', 'dispute_lost')) not null, "stripe_object_id" text not null, "payment_intent_id" text not null, "stripe_account" text null, "order_id" text not null, "payment_id" text not null, "medusa_refund_id" text null, "origin" text check ("origin" in ('medusa', 'stripe')) not null, "amount" numeric not null, "currency_code" text not null, "stripe_status" text not null, "returned_payment_id" text null, "returned_at" timestamptz null, "activity_id" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_money_out_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_money_out_deleted_at" ON "stripe_collect_money_out" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_money_out_stripe_object_id_unique" ON "stripe_collect_money_out" ("stripe_object_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_money_out_order_id" ON "stripe_collect_money_out" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_money_out_payment_id" ON "stripe_collect_money_out" ("payment_id") WHERE deleted_at IS NULL;`)
    this.addSql(`alter table if exists "stripe_collect_activity" drop constraint if exists "stripe_collect_activity_kind_check";`)
    this.addSql(`alter table if exists "stripe_collect_activity" add constraint "stripe_collect_activity_kind_check" check ("kind" in ('charge', 'payment_link', 'refund', 'dispute', 'webhook', 'error'));`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stripe_collect_dispute" cascade;`)
    this.addSql(`drop table if exists "stripe_collect_money_out" cascade;`)
    this.addSql(`alter table if exists "stripe_collect_activity" drop constraint if exists "stripe_collect_activity_kind_check";`)
    this.addSql(`alter table if exists "stripe_collect_activity" add constraint "stripe_collect_activity_kind_check" check ("kind" in ('charge', 'payment_link', 'refund', 'webhook', 'error'));`)
  }
}
