//! Input rules shared by every form: trimmed, bounded text, numbers and emails.
use crate::error::{AppError, Field};

/// Longest accepted name or title, in characters.
pub const MAX_NAME: usize = 200;
/// Longest accepted free-text description, in characters.
pub const MAX_DESCRIPTION: usize = 2000;
/// Shortest accepted password, in characters.
pub const MIN_PASSWORD: usize = 12;
/// Longest accepted password, in characters (argon2 work is bounded by it).
pub const MAX_PASSWORD: usize = 256;

/// Longest accepted programme slug, in characters.
pub const MAX_SLUG: usize = 40;

/// Slugs that are words of the URLs around them (`/public/plans/…` is an old path).
const RESERVED_SLUGS: [&str; 1] = ["plans"];

/// A programme's slug for its URLs: lower-case ASCII letters and digits in words joined
/// by single hyphens, 2 to `MAX_SLUG` long (so it never needs escaping in a path), and
/// not a reserved word.
pub fn slug(value: &str) -> Result<String, AppError> {
    let value = value.trim();
    if RESERVED_SLUGS.contains(&value) {
        return Err(AppError::InvalidSlug);
    }
    let words_ok = value.split('-').all(|w| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if (2..=MAX_SLUG).contains(&value.len()) && words_ok {
        Ok(value.to_string())
    } else {
        Err(AppError::InvalidSlug)
    }
}

/// The slug a programme named `name` gets when none is given: Norwegian letters spelled
/// out (æ → ae, ø → o, å → a), other letters without their accents where that is plain
/// ASCII, everything else a word break; `None` when nothing valid is left.
pub fn slug_from_name(name: &str) -> Option<String> {
    let mut spelled = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'æ' => spelled.push_str("ae"),
            'ø' => spelled.push('o'),
            'å' | 'á' | 'à' | 'ä' | 'â' => spelled.push('a'),
            'é' | 'è' | 'ê' | 'ë' => spelled.push('e'),
            'ó' | 'ò' | 'ö' | 'ô' => spelled.push('o'),
            'ü' | 'ú' => spelled.push('u'),
            c if c.is_ascii_alphanumeric() => spelled.push(c),
            _ => spelled.push(' '),
        }
    }
    let mut joined = String::new();
    for word in spelled.split_whitespace() {
        if joined.len() + word.len() + 1 > MAX_SLUG {
            break;
        }
        if !joined.is_empty() {
            joined.push('-');
        }
        joined.push_str(word);
    }
    slug(&joined).ok()
}

/// The slug as typed, or when none is typed the one made from `name` (`slug_from_name`).
pub fn slug_or_from_name(typed: &str, name: &str) -> Result<String, AppError> {
    if typed.trim().is_empty() {
        slug_from_name(name).ok_or(AppError::InvalidSlug)
    } else {
        slug(typed)
    }
}

/// A required text: cleaned (`clean`), trimmed, not empty, at most `max` characters.
pub fn required(field: Field, value: &str, max: usize) -> Result<String, AppError> {
    let value = clean(value);
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::Empty(field));
    }
    bounded(field, value, max)
}

/// An optional text: cleaned (`clean`), trimmed, at most `max` characters, possibly empty.
pub fn optional(field: Field, value: &str, max: usize) -> Result<String, AppError> {
    bounded(field, clean(value).trim(), max)
}

/// Whether a character is dropped from every text people type: control characters
/// (but line feeds and tabs), the bidi embeddings, overrides and isolates that can make
/// a name or text read differently from what it is, and invisible separators. Marks
/// that only set a direction (LRM, RLM, ALM) and the joiners that emoji and Arabic
/// script need are kept.
fn is_unwanted(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200B}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// `value` without unwanted characters (`is_unwanted`); CR LF becomes LF.
pub fn clean(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !is_unwanted(*c))
        .collect()
}

/// A name shown on one line (a nickname): cleaned, with line breaks and tabs as spaces
/// and runs of spaces as one.
pub fn one_line(field: Field, value: &str, max: usize) -> Result<String, AppError> {
    let value = optional(field, value, max)?;
    Ok(value.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn bounded(field: Field, value: &str, max: usize) -> Result<String, AppError> {
    if value.chars().count() > max {
        return Err(AppError::TooLong(field, max));
    }
    Ok(value.to_string())
}

/// A whole number typed into a form, within `range`; spaces as thousands separators are allowed.
pub fn number(
    field: Field,
    value: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, AppError> {
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if digits.is_empty() {
        return Err(AppError::Empty(field));
    }
    let n: i64 = digits.parse().map_err(|_| AppError::NotANumber(field))?;
    if !range.contains(&n) {
        return Err(AppError::OutOfRange(field));
    }
    Ok(n)
}

/// An email address, lower-cased; only a plausibility check (one `@`, a dot in the domain).
pub fn email(value: &str) -> Result<String, AppError> {
    let value = required(Field::Email, value, MAX_NAME)?.to_lowercase();
    let plausible = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if plausible {
        Ok(value)
    } else {
        Err(AppError::InvalidEmail)
    }
}

/// A new password: long enough to resist guessing, short enough to hash cheaply.
pub fn new_password(value: &str) -> Result<String, AppError> {
    let count = value.chars().count();
    if count == 0 {
        return Err(AppError::Empty(Field::Password));
    }
    if count < MIN_PASSWORD {
        return Err(AppError::PasswordTooShort(MIN_PASSWORD));
    }
    if count > MAX_PASSWORD {
        return Err(AppError::TooLong(Field::Password, MAX_PASSWORD));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_bounded() {
        assert_eq!(
            required(Field::Name, "  Møteplasser ", 20),
            Ok("Møteplasser".into())
        );
        assert_eq!(
            required(Field::Name, " \t\n ", 20),
            Err(AppError::Empty(Field::Name))
        );
        assert_eq!(required(Field::Name, "ææææ", 4), Ok("ææææ".into()));
        assert_eq!(
            required(Field::Name, "æææææ", 4),
            Err(AppError::TooLong(Field::Name, 4))
        );
    }

    #[test]
    fn controls_and_bidi_overrides_are_dropped() {
        // "Ali" followed by a right-to-left override that would show "gpj.exe" reversed.
        assert_eq!(
            required(Field::Text, "Ali\u{202E}gpj.exe\u{202C}", 40),
            Ok("Aligpj.exe".into())
        );
        assert_eq!(
            required(
                Field::Text,
                "a\u{0}b\u{7}c\u{1b}[31md\u{2067}e\u{2069}\u{200B}f\u{FEFF}",
                40
            ),
            Ok("abc[31mdef".into())
        );
        assert_eq!(
            required(Field::Text, "linje\r\nto\tok", 40),
            Ok("linje\nto\tok".into())
        );
        // Direction marks and joiners belong to real text.
        let arabic = "\u{200F}مرحبا\u{200C}بك 👩\u{200D}💻";
        assert_eq!(required(Field::Text, arabic, 40), Ok(arabic.into()));
        assert_eq!(
            required(Field::Text, "\u{202E}\u{200B}", 40),
            Err(AppError::Empty(Field::Text)),
            "nothing left is empty"
        );
        assert_eq!(
            one_line(Field::Nickname, " Kari\n\n  Nordmann\t", 40),
            Ok("Kari Nordmann".into())
        );
    }

    #[test]
    fn numbers_accept_thousands_separators() {
        assert_eq!(
            number(Field::Budget, "5 000 000", 0..=i64::MAX),
            Ok(5_000_000)
        );
        assert_eq!(number(Field::Budget, "5\u{a0}000", 0..=i64::MAX), Ok(5_000));
        assert_eq!(
            number(Field::Budget, "-1", 0..=10),
            Err(AppError::OutOfRange(Field::Budget))
        );
        assert_eq!(
            number(Field::Budget, "12kr", 0..=10),
            Err(AppError::NotANumber(Field::Budget))
        );
        assert_eq!(
            number(Field::Budget, " ", 0..=10),
            Err(AppError::Empty(Field::Budget))
        );
    }

    #[test]
    fn slugs_are_checked_and_made_from_names() {
        assert_eq!(slug("halden-sentrum"), Ok("halden-sentrum".into()));
        for bad in [
            "plans",
            "",
            "a",
            "Halden",
            "halden--sentrum",
            "-halden",
            "halden/x",
            "hå",
        ] {
            assert_eq!(slug(bad), Err(AppError::InvalidSlug), "{bad}");
        }
        assert_eq!(slug(&"a".repeat(41)), Err(AppError::InvalidSlug));
        assert_eq!(
            slug_from_name("Halden sentrum").as_deref(),
            Some("halden-sentrum")
        );
        assert_eq!(
            slug_from_name(" Oslo indre øst / Grønland ").as_deref(),
            Some("oslo-indre-ost-gronland")
        );
        assert_eq!(
            slug_from_name("Sør-Varanger").as_deref(),
            Some("sor-varanger")
        );
        assert_eq!(
            slug_from_name("Fjære og Åkre").as_deref(),
            Some("fjaere-og-akre")
        );
        assert_eq!(slug_from_name("حي"), None);
        let long = slug_from_name(&"ord ".repeat(30)).unwrap();
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(email(" Leder@Halden.Demo "), Ok("leder@halden.demo".into()));
        for bad in [
            "leder",
            "@halden.no",
            "a@b",
            "a@.no",
            "a b@halden.no",
            "a@b@c.no",
        ] {
            assert_eq!(email(bad), Err(AppError::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn passwords_have_a_minimum_and_maximum() {
        assert_eq!(new_password(""), Err(AppError::Empty(Field::Password)));
        assert_eq!(
            new_password("short"),
            Err(AppError::PasswordTooShort(MIN_PASSWORD))
        );
        assert!(new_password("a long enough password").is_ok());
        assert!(new_password(&"x".repeat(MAX_PASSWORD + 1)).is_err());
    }
}
