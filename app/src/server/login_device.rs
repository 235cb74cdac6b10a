//! Device cookies (OWASP's defence against lockout): a browser that signed in as an
//! email gets a token made for that email and that browser, and its later logins are
//! not held back by failures others caused from the same network (a school's or the
//! town hall's Wi-Fi); its own failures have a limit of their own.
use hmac::{Hmac, Mac};
use http::{HeaderMap, HeaderValue};
use sha2::Sha256;

/// The cookie's name; it is sent only to the login endpoint.
pub const DEVICE_COOKIE: &str = "samskap_device";
/// How long a device stays known: a year.
pub const DEVICE_COOKIE_SECONDS: u32 = 365 * 24 * 60 * 60;

/// Makes and checks device tokens with a key of this process: a restart forgets every
/// device (each signs in once more under the network limits).
pub struct DeviceKey([u8; 32]);

impl Default for DeviceKey {
    fn default() -> Self {
        Self(rand::random())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl DeviceKey {
    fn mac(&self, email: &str, device: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("any key length");
        mac.update(email.as_bytes());
        mac.update(b"\n");
        mac.update(device.as_bytes());
        mac
    }

    /// A new token for this browser and `email`: `<device id>.<MAC>`.
    pub fn token_for(&self, email: &str) -> String {
        let device = hex(&rand::random::<[u8; 16]>());
        let mac = hex(&self.mac(email, &device).finalize().into_bytes());
        format!("{device}.{mac}")
    }

    /// The device id of `token` if this key made it for `email`.
    pub fn device_of<'a>(&self, token: &'a str, email: &str) -> Option<&'a str> {
        let (device, mac) = token.split_once('.')?;
        if device.len() != 32 {
            return None;
        }
        let mac = unhex(mac)?;
        self.mac(email, device).verify_slice(&mac).ok()?;
        Some(device)
    }
}

/// The `Set-Cookie` value that makes this browser a known device.
pub fn cookie(token: &str, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{DEVICE_COOKIE}={token}; Path=/api/auth/login; Max-Age={DEVICE_COOKIE_SECONDS}; \
         HttpOnly; SameSite=Strict{secure}"
    ))
    .ok()
}

/// The device token the request carries, if any.
pub fn token_in(headers: &HeaderMap) -> Option<&str> {
    super::cookies::value_of(headers, DEVICE_COOKIE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_for_one_email_and_one_key() {
        let key = DeviceKey::default();
        let token = key.token_for("leder@halden.demo");
        let device = key.device_of(&token, "leder@halden.demo").expect("its own");
        assert_eq!(device.len(), 32);
        assert_eq!(key.device_of(&token, "annen@halden.demo"), None);
        assert_eq!(
            DeviceKey::default().device_of(&token, "leder@halden.demo"),
            None
        );
        let forged = format!("{device}.{}", "0".repeat(64));
        assert_eq!(key.device_of(&forged, "leder@halden.demo"), None);
        assert_eq!(key.device_of("x.y", "leder@halden.demo"), None);
        assert_ne!(token, key.token_for("leder@halden.demo"), "one per browser");
    }
}
