-- Evaluators (*følgeevaluering*): a read-only role with the evaluation exports, per
-- programme like the others.
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('lead', 'core', 'facilitator', 'viewer', 'evaluator'));
