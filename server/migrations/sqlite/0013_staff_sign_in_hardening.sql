-- Security review (issue 17), F9: the last authenticator step accepted for each member, so a
-- code cannot sign in twice within its 30-second window (RFC 6238 §5.2).
ALTER TABLE staff_users ADD COLUMN totp_last_step INTEGER;
