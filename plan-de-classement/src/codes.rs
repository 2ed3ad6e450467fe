use std::fmt;
use std::str::FromStr;

/// Why a category or type code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("code {input:?} invalide : 2 à 8 lettres majuscules attendues")]
pub struct CodeError {
    /// The offending input.
    pub input: String,
}

fn check_code(s: &str) -> Result<(), CodeError> {
    let ok = (2..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase());
    if ok {
        Ok(())
    } else {
        Err(CodeError {
            input: s.to_string(),
        })
    }
}

macro_rules! code_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses a code: 2 to 8 uppercase ASCII letters.
            ///
            /// # Errors
            /// [`CodeError`] quoting the input when it is not such a code.
            pub fn parse(s: &str) -> Result<Self, CodeError> {
                check_code(s)?;
                Ok(Self(s.to_string()))
            }

            /// The code as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = CodeError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    };
}

code_type!(
    /// A category code of the plan de classement, e.g. `RESS`.
    CategoryCode
);
code_type!(
    /// A piece type code of the plan de classement, e.g. `FPAIE`.
    TypeCode
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_plan_codes_and_refuses_others() {
        assert!(TypeCode::parse("FPAIE").is_ok());
        assert!(CategoryCode::parse("SITPRO").is_ok());
        for bad in ["", "A", "fpaie", "FP AIE", "TOOLONGCODE", "CAF1", "É"] {
            assert!(TypeCode::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn round_trips(s in "[A-Z]{2,8}") {
            let code = TypeCode::parse(&s).unwrap();
            prop_assert_eq!(TypeCode::parse(&code.to_string()).unwrap(), code);
        }

        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = CategoryCode::parse(&s);
        }
    }
}
