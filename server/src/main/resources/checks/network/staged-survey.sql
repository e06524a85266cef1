-- The survey a network check of ?survey=ID reads (checks/network/NetworkChecksApi): it must be staged.
SELECT status, compound_code FROM survey WHERE id = :id
