-- Security review (issue 17), L7: two tabs refreshing an expired sign-in at the same moment both
-- present the same refresh token. The rotation keeps its successor, sealed, on the spent token,
-- so that a second use within a few seconds gets the same successor instead of ending the
-- sign-in; after that, a second use is a stolen copy as before.
ALTER TABLE refresh_tokens ADD COLUMN successor_sealed TEXT;
