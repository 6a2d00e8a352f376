ALTER TABLE "learners" DROP COLUMN "state_licences";--> statement-breakpoint
ALTER TABLE "learners" DROP COLUMN "ascp_id";