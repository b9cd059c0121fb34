-- Security review (issue 17), F4: an account can be disabled (refused at sign-in and on every
-- request), and a member enrols themselves: the administrator hands over a one-time, expiring
-- enrolment code (kept hashed with the username) with which the member sets their own password
-- and authenticator. Until then the password hash and the sealed secret are empty, which no
-- sign-in matches. A reset empties both again and issues a new code.
ALTER TABLE staff_users ADD COLUMN disabled_at INTEGER;
ALTER TABLE staff_users ADD COLUMN enrol_hash TEXT;
ALTER TABLE staff_users ADD COLUMN enrol_expires_at INTEGER;
