import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Bank debits (SEPA, ACH) take days: an attempt and its link can be "processing" (widens two status checks); the
// activity names a payment method that is not a plain card (adds a column).
export class Migration20261202060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_activity" add column if not exists "payment_method" text null;`)
    this.addSql(
      `alter table if exists "stripe_collect_payment_attempt" drop constraint if exists "stripe_collect_payment_attempt_status_check";`
    )
    this.addSql(
      `alter table if exists "stripe_collect_payment_attempt" add constraint "stripe_collect_payment_attempt_status_check" check ("status" in ('pending', 'open', 'processing', 'lost', 'succeeded', 'recorded', 'declined', 'failed', 'not_charged', 'expired'));`
    )
    this.addSql(`alter table if exists "stripe_collect_payment_link" drop constraint if exists "stripe_collect_payment_link_status_check";`)
    this.addSql(
      `alter table if exists "stripe_collect_payment_link" add constraint "stripe_collect_payment_link_status_check" check ("status" in ('sent', 'viewed', 'processing', 'paid', 'canceled', 'expired'));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_activity" drop column if exists "payment_method";`)
    this.addSql(
      `alter table if exists "stripe_collect_payment_attempt" drop constraint if exists "stripe_collect_payment_attempt_status_check";`
    )
    this.addSql(
      `alter table if exists "stripe_collect_payment_attempt" add constraint "stripe_collect_payment_attempt_status_check" check ("status" in ('pending', 'open', 'lost', 'succeeded', 'recorded', 'declined', 'failed', 'not_charged', 'expired'));`
    )
    this.addSql(`alter table if exists "stripe_collect_payment_link" drop constraint if exists "stripe_collect_payment_link_status_check";`)
    this.addSql(
      `alter table if exists "stripe_collect_payment_link" add constraint "stripe_collect_payment_link_status_check" check ("status" in ('sent', 'viewed', 'paid', 'canceled', 'expired'));`
    )
  }
}
