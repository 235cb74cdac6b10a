//! A participant's identity: a random token in a cookie named after the workshop, so a
//! cookie of one workshop means nothing on another. The store keeps only its SHA-256.
use crate::error::AppError;
use http::{HeaderMap, HeaderValue};
use samskap_domain::store::Store;
use samskap_domain::workshop::model::Participant;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// How long a participant stays recognised on their device (for receipts later).
const COOKIE_MAX_AGE_SECONDS: u32 = 90 * 24 * 3600;

/// The cookie holding the participant token of `workshop`.
pub fn cookie_name(workshop: Uuid) -> String {
    format!("samskap_p_{}", workshop.simple())
}

/// A fresh token: 256 random bits, hex.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the store keeps of a token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The token the request carries for `workshop`, if any.
pub fn token_in(headers: &HeaderMap, workshop: Uuid) -> Option<String> {
    crate::server::cookies::value_of(headers, &cookie_name(workshop)).map(str::to_string)
}

/// The participant of `workshop` the request's cookie identifies, if any.
pub async fn participant_in(
    store: &dyn Store,
    headers: &HeaderMap,
    workshop: Uuid,
) -> Result<Option<Participant>, AppError> {
    let Some(token) = token_in(headers, workshop) else {
        return Ok(None);
    };
    store
        .participant_by_token(workshop, &token_hash(&token))
        .await
        .map_err(AppError::from)
}

/// The participant of `workshop` calling this server function, if any.
pub async fn current_participant(workshop: Uuid) -> Result<Option<Participant>, AppError> {
    let headers = leptos_axum::extract::<HeaderMap>()
        .await
        .map_err(|_| AppError::Internal)?;
    let ctx = crate::server::context::app()?;
    participant_in(ctx.store.as_ref(), &headers, workshop).await
}

/// The `Set-Cookie` value that gives this device the participant token.
pub fn set_cookie(workshop: Uuid, token: &str, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; Max-Age={COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax{secure}",
        cookie_name(workshop)
    ))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header;

    #[test]
    fn the_cookie_of_another_workshop_is_not_read() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let mut headers = HeaderMap::new();
        let cookie = format!("other=1; {}=abc", cookie_name(a));
        headers.insert(header::COOKIE, HeaderValue::from_str(&cookie).unwrap());
        assert_eq!(token_in(&headers, a).as_deref(), Some("abc"));
        assert_eq!(token_in(&headers, b), None);
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (t1, t2) = (new_token(), new_token());
        assert_ne!(t1, t2);
        assert_eq!(t1.len(), 64);
        assert_eq!(token_hash(&t1).len(), 64);
        assert_ne!(token_hash(&t1), t1);
    }
}
