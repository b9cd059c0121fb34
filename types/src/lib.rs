//! The shapes the server and the browser exchange, one module per feature (`account`, `cases`, `check`,
//! `charity`, `dashboard`, `parameters`, `staff`, `timebank`), the page data a page is handed
//! (`page_data`), and what both sides need to write them for people (`i18n`, `money`).
//! No Leptos and no server code: the UI crate and the server's services both build on it.

pub mod account;
pub mod cases;
pub mod charity;
pub mod check;
pub mod dashboard;
pub mod i18n;
pub mod money;
pub mod page_data;
pub mod parameters;
pub mod staff;
pub mod timebank;

/// An enum stored and sent as a fixed code (`"more_documents"`): its variants with their codes,
/// `as_str`, `from_code` and serde as the code. One definition per enum; the database keeps the
/// codes it always had.
#[macro_export]
macro_rules! coded_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The code stored and sent.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The variant of a code, if it is one.
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::from_code(&code).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&code, &[$($code,)+])
                })
            }
        }
    };
}
