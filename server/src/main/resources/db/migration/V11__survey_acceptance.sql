-- A survey with blocking findings (data far from its compound, X/Y swapped ...) is committed only when the commit
-- names those findings and gives a reason; what was accepted, why, when and by whom stays with the survey.
ALTER TABLE survey
    ADD COLUMN accepted_findings text[],
    ADD COLUMN acceptance_reason text,
    ADD COLUMN accepted_at       timestamptz,
    -- who accepted: empty until the server has user accounts
    ADD COLUMN accepted_by       text,
    ADD CONSTRAINT survey_acceptance_complete CHECK (
        (accepted_findings IS NULL AND acceptance_reason IS NULL AND accepted_at IS NULL AND accepted_by IS NULL)
        OR (cardinality(accepted_findings) > 0 AND length(btrim(acceptance_reason)) > 0 AND accepted_at IS NOT NULL));
