use std::fmt;
use std::str::FromStr;

/// The numéro unique of a demande: 18 characters.
///
/// | part | length | content |
/// |---|---|---|
/// | département | 3 | `001`–`095`, `02A`, `02B`, `971`–`976` |
/// | month and year | 4 | `MMYY`, month `01`–`12` |
/// | sequence | 6 | digits |
/// | guichet | 5 | uppercase letters and digits |
///
/// Parsing accepts the spaced forms printed on attestations (`057 1215 073903 10691`): spaces
/// are ignored, nothing else is. [`Display`](fmt::Display) gives the contiguous form;
/// [`NumeroUnique::spaced`] the printed one.
///
/// ```
/// use plan_de_classement::NumeroUnique;
/// let n = NumeroUnique::parse("057 1215 073903 10691").unwrap();
/// assert_eq!(n.to_string(), "057121507390310691");
/// assert_eq!(n.spaced(), "057 1215 073903 10691");
/// assert_eq!(n.departement(), "057");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NumeroUnique(String);

/// Why a text is not a numéro unique. Messages are in French: they reach users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumeroUniqueError {
    #[error("numéro unique {input:?} : 18 caractères attendus, {len} trouvés")]
    Length { input: String, len: usize },
    #[error("numéro unique {input:?} : département {dep:?} inconnu")]
    Departement { input: String, dep: String },
    #[error("numéro unique {input:?} : mois {month:?} invalide (01 à 12)")]
    Month { input: String, month: String },
    #[error("numéro unique {input:?} : chiffres attendus en position {position}")]
    Digit { input: String, position: usize },
    #[error("numéro unique {input:?} : code guichet {guichet:?} invalide (lettres majuscules et chiffres)")]
    Guichet { input: String, guichet: String },
}

/// Whether a 3-character département code is one the registry uses.
pub(crate) fn valid_departement(dep: &str) -> bool {
    match dep {
        "02A" | "02B" => true,
        _ if dep.bytes().all(|b| b.is_ascii_digit()) && dep.len() == 3 => {
            let n: u32 = dep.parse().unwrap_or(0);
            (1..=95).contains(&n) || (971..=976).contains(&n)
        }
        _ => false,
    }
}

impl NumeroUnique {
    /// Parses a numéro unique, ignoring spaces.
    ///
    /// # Errors
    /// [`NumeroUniqueError`] naming the first rule the input breaks.
    pub fn parse(input: &str) -> Result<Self, NumeroUniqueError> {
        let compact: String = input.chars().filter(|c| *c != ' ').collect();
        let err_input = || input.chars().take(40).collect::<String>();
        let len = compact.chars().count();
        if len != 18 || !compact.is_ascii() {
            return Err(NumeroUniqueError::Length {
                input: err_input(),
                len,
            });
        }
        let dep = &compact[0..3];
        if !valid_departement(dep) {
            return Err(NumeroUniqueError::Departement {
                input: err_input(),
                dep: dep.to_string(),
            });
        }
        if let Some(pos) = compact[3..13].bytes().position(|b| !b.is_ascii_digit()) {
            return Err(NumeroUniqueError::Digit {
                input: err_input(),
                position: pos + 4,
            });
        }
        let month = &compact[3..5];
        if !matches!(month.parse::<u32>(), Ok(1..=12)) {
            return Err(NumeroUniqueError::Month {
                input: err_input(),
                month: month.to_string(),
            });
        }
        let guichet = &compact[13..18];
        if !guichet
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(NumeroUniqueError::Guichet {
                input: err_input(),
                guichet: guichet.to_string(),
            });
        }
        Ok(Self(compact))
    }

    /// The contiguous 18-character form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form with spaces: `057 1215 073903 10691`.
    pub fn spaced(&self) -> String {
        let s = &self.0;
        format!("{} {} {} {}", &s[0..3], &s[3..7], &s[7..13], &s[13..18])
    }

    /// The département part (`075`, `02A`, `974`…).
    pub fn departement(&self) -> &str {
        &self.0[0..3]
    }

    /// The guichet code part.
    pub fn guichet(&self) -> &str {
        &self.0[13..18]
    }
}

impl fmt::Display for NumeroUnique {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for NumeroUnique {
    type Err = NumeroUniqueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for NumeroUnique {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for NumeroUnique {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples_of_the_spec_parse() {
        for s in [
            "0761013081664DGALN",
            "057 1215 073903 10691",
            "02A0124000001TESTK",
            "9741299123456GDPUB",
        ] {
            assert!(NumeroUnique::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn each_rule_is_enforced() {
        use NumeroUniqueError::*;
        assert!(matches!(
            NumeroUnique::parse("076101308166DGALN"),
            Err(Length { .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("0001013081664DGALN"),
            Err(Departement { .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("0961013081664DGALN"),
            Err(Departement { .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("02C1013081664DGALN"),
            Err(Departement { .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("9771013081664DGALN"),
            Err(Departement { .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("0761313081664DGALN"),
            Err(Month { .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("0760013081664DGALN"),
            Err(Month { .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("07610130816O4DGALN"),
            Err(Digit { position: 12, .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("0761013081664DGaLN"),
            Err(Guichet { .. })
        ));
        assert!(matches!(
            NumeroUnique::parse("0761013081664DG-LN"),
            Err(Guichet { .. })
        ));
    }

    #[test]
    fn display_with_and_without_spaces() {
        let n = NumeroUnique::parse("0761013081664DGALN").unwrap();
        assert_eq!(n.to_string(), "0761013081664DGALN");
        assert_eq!(n.spaced(), "076 1013 081664 DGALN");
        assert_eq!(NumeroUnique::parse(&n.spaced()).unwrap(), n);
    }

    fn departement() -> impl Strategy<Value = String> {
        prop_oneof![
            (1u32..=95).prop_map(|n| format!("{n:03}")),
            Just("02A".to_string()),
            Just("02B".to_string()),
            (971u32..=976).prop_map(|n| n.to_string()),
        ]
    }

    prop_compose! {
        fn valid_numero()(dep in departement(), month in 1u32..=12, year in 0u32..100,
                          seq in 0u32..1_000_000, guichet in "[A-Z0-9]{5}") -> String {
            format!("{dep}{month:02}{year:02}{seq:06}{guichet}")
        }
    }

    proptest! {
        #[test]
        fn valid_numbers_round_trip(s in valid_numero()) {
            let n = NumeroUnique::parse(&s).unwrap();
            prop_assert_eq!(n.as_str(), s.as_str());
            prop_assert_eq!(NumeroUnique::parse(&n.to_string()).unwrap(), n.clone());
            prop_assert_eq!(NumeroUnique::parse(&n.spaced()).unwrap(), n);
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC{0,40}") {
            let _ = NumeroUnique::parse(&s);
        }

        #[test]
        fn a_bad_month_is_refused(dep in departement(), month in prop_oneof![Just(0u32), 13u32..100],
                                  rest in "[0-9]{8}[A-Z]{5}") {
            let s = format!("{dep}{month:02}{rest}");
            prop_assert!(NumeroUnique::parse(&s).is_err());
        }
    }
}
