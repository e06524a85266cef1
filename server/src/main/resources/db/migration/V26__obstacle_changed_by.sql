-- Issue 12: who reported an obstacle from the map or changed its status (the user's name); empty for surveyed
-- obstacles and for versions written before accounts. The audit trail has the rest (when, from where, the note).
ALTER TABLE obstacle ADD COLUMN changed_by text;
