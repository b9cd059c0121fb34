// Known personal values the tests enter, which scripts/pii-scan.sh then looks for in the
// database files and the server log of the run (it must find none in clear).
// The first is a phone number; keep one value per line in single quotes.
export const NEEDLE_PHONE = '13900001234';
// A valid resident ID number (GB 11643) the time-bank test registers with.
export const NEEDLE_ID = '420112195203084243';
// The family member's ID number in the same test.
export const NEEDLE_ID_RELATIVE = '420112197906111358';
// The applicant's ID number in the funeral claim (cases.spec.ts); sealed at rest, shown masked.
export const NEEDLE_ID_APPLICANT = '420112197003051219';
// A donor's name typed into the donation form (sealed at rest; the public sees 张**).
export const NEEDLE_NAME_DONOR = '张晓岚';
