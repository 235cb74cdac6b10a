//! The short-lived cookie that carries a looked-up receipt code from the lookup form to
//! the receipt page, so the code never stands in a URL (history, logs, `Referer`).
use crate::error::AppError;
use http::{header, HeaderMap, HeaderValue};

/// The cookie's name.
pub const RECEIPT_COOKIE: &str = "samskap_receipt";
/// How long a looked-up receipt stays open on the device: 15 minutes.
pub const RECEIPT_COOKIE_SECONDS: u32 = 15 * 60;

fn header_value(value: &str, max_age: u32, secure: bool) -> Result<HeaderValue, AppError> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{RECEIPT_COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    ))
    .map_err(|_| AppError::Internal)
}

/// Keeps `code` (as stored: eight letters and digits) on this device for a while.
pub fn remember(code: &str, secure: bool) -> Result<(), AppError> {
    let value = header_value(code, RECEIPT_COOKIE_SECONDS, secure)?;
    leptos::prelude::expect_context::<leptos_axum::ResponseOptions>()
        .append_header(header::SET_COOKIE, value);
    Ok(())
}

/// Forgets the code on this device.
pub fn forget(secure: bool) -> Result<(), AppError> {
    let value = header_value("", 0, secure)?;
    leptos::prelude::expect_context::<leptos_axum::ResponseOptions>()
        .append_header(header::SET_COOKIE, value);
    Ok(())
}

/// The code the request's cookie carries, if any.
pub fn remembered(headers: &HeaderMap) -> Option<String> {
    crate::server::cookies::value_of(headers, RECEIPT_COOKIE)
        .filter(|value| !value.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_receipt_cookie_is_read_and_an_empty_one_is_none() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("samskap_session=x; samskap_receipt=ABCDEFGH"),
        );
        assert_eq!(remembered(&headers).as_deref(), Some("ABCDEFGH"));
        headers.insert(header::COOKIE, HeaderValue::from_static("samskap_receipt="));
        assert_eq!(remembered(&headers), None);
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_short_lived() {
        let value = header_value("ABCDEFGH", RECEIPT_COOKIE_SECONDS, true).unwrap();
        let value = value.to_str().unwrap();
        for part in [
            "HttpOnly",
            "SameSite=Strict",
            "Max-Age=900",
            "Secure",
            "Path=/",
        ] {
            assert!(value.contains(part), "{value} lacks {part}");
        }
    }
}
