-- Evaluators (*følgeevaluering*): a read-only role with the evaluation exports, per
-- programme like the others.
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('lead', 'core', 'facilitator', 'viewer', 'evaluator'));

-- "plans" became a reserved slug (`/public/plans/…` is an old path): a programme that
-- got it from its name gets the fallback instead.
UPDATE programmes SET slug = 'programme-' || substr(replace(id::text, '-', ''), 1, 8)
WHERE slug = 'plans';
