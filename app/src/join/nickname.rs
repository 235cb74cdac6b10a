//! Nicknames: one line, no control or bidi characters, and never a staff member's name
//! or a word that claims to speak for the team, so a resident cannot pass as staff.
use crate::error::{AppError, Field};
use samskap_domain::workshop::model::MAX_NICKNAME;

/// Words a participant may not take as their whole nickname (compared as `folded`).
const RESERVED: [&str; 16] = [
    "admin",
    "administrator",
    "ansatt",
    "tilsett",
    "staff",
    "fasilitator",
    "facilitator",
    "moderator",
    "programleder",
    "programleiar",
    "kjerneteam",
    "kommunen",
    "haldenkommune",
    "samskap",
    "team",
    "lærer",
];

/// A name with everything but letters and digits dropped, in lower case, so "Kari
/// Nordmann", "kari.nordmann" and "KARI  NORDMANN" are one.
pub fn folded(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The nickname as it will be stored, or why not: cleaned to one line and bounded, and
/// `NameReserved` when it folds to a reserved word or to one of `staff_names`.
pub fn checked<'a>(
    typed: &str,
    staff_names: impl IntoIterator<Item = &'a str>,
) -> Result<String, AppError> {
    let nickname = samskap_domain::validate::one_line(Field::Nickname, typed, MAX_NICKNAME)?;
    let key = folded(&nickname);
    if key.is_empty() {
        return Ok(nickname);
    }
    let taken =
        RESERVED.contains(&key.as_str()) || staff_names.into_iter().any(|name| folded(name) == key);
    if taken {
        Err(AppError::NameReserved)
    } else {
        Ok(nickname)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_names_and_team_words_are_reserved() {
        let staff = ["Kari Nordmann", "Ola Fasilitator"];
        for taken in [
            "Kari Nordmann",
            "kari.nordmann",
            " KARI  NORDMANN ",
            "Kari\u{202E}Nordmann",
            "Fasilitator",
            "Admin!",
        ] {
            assert_eq!(
                checked(taken, staff),
                Err(AppError::NameReserved),
                "{taken}"
            );
        }
        assert_eq!(checked("Kari", staff), Ok("Kari".into()));
        assert_eq!(checked("", staff), Ok(String::new()));
        assert_eq!(checked("Mina\n  B.", staff), Ok("Mina B.".into()));
    }
}
