//! Staff: the entry and sign-in (`entry`), first sign-in with an enrolment code (`enrol`), the
//! accounts administration (`users`), and the gate every staff page's data passes (`gate`).

pub mod enrol;
pub mod entry;
pub mod gate;
pub mod users;
