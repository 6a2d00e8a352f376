CREATE INDEX "activities_program_starts" ON "activities" USING btree ("program_id","starts_at");--> statement-breakpoint
CREATE INDEX "committee_reviews_activity" ON "committee_reviews" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "committee_reviews_program" ON "committee_reviews" USING btree ("program_id");