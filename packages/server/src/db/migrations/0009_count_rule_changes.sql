-- The rules engine caches compiled rule sets per workspace. Its cache key was the newest
-- updated_at and the count of rules, which two edits in the same millisecond could leave
-- unchanged. A counter bumped by a trigger on every change of a rule or rule set cannot.
alter table workspaces add column rules_version bigint not null default 0;

create function rules_bump_version() returns trigger language plpgsql as $$
begin
  update workspaces set rules_version = rules_version + 1
   where id = coalesce(new.workspace_id, old.workspace_id);
  return null;
end
$$;
create trigger rules_bump_version after insert or update or delete on rules
  for each row execute function rules_bump_version();
create trigger rule_sets_bump_version after insert or update or delete on rule_sets
  for each row execute function rules_bump_version();
