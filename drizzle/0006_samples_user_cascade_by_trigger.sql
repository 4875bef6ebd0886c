ALTER TABLE "samples" DROP CONSTRAINT "samples_user_id_users_id_fk";
--> statement-breakpoint
-- Added by hand (drizzle-kit does not model triggers): a deleted user's samples go with them, as
-- the foreign key's ON DELETE CASCADE did, without a check on every inserted sample.
CREATE FUNCTION "delete_user_samples"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "samples" WHERE "user_id" = OLD."id";
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "users_delete_samples" AFTER DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION "delete_user_samples"();
