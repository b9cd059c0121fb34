//! The parameter families compiled into the crate, one TOML file each.

/// `(file name, contents)` of every embedded family file under `policy/parameters/`.
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    ("dibao.toml", include_str!("../../parameters/dibao.toml")),
    (
        "low_income.toml",
        include_str!("../../parameters/low_income.toml"),
    ),
    ("tekun.toml", include_str!("../../parameters/tekun.toml")),
    (
        "temporary.toml",
        include_str!("../../parameters/temporary.toml"),
    ),
    (
        "orphans.toml",
        include_str!("../../parameters/orphans.toml"),
    ),
    (
        "elderly.toml",
        include_str!("../../parameters/elderly.toml"),
    ),
    (
        "disability.toml",
        include_str!("../../parameters/disability.toml"),
    ),
    (
        "student.toml",
        include_str!("../../parameters/student.toml"),
    ),
    (
        "funeral.toml",
        include_str!("../../parameters/funeral.toml"),
    ),
];
