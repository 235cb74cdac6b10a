//! Browser-facing defences on every response and request: security headers (a CSP
//! that pages tighten with their nonce, no framing, nosniff, a same-origin referrer),
//! cross-site API calls refused (`Origin`, `Sec-Fetch-Site`), and cookies marked
//! `Secure` whenever the request came over HTTPS.
use crate::limits::refusal;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use samskap_app::error::AppError;
use std::net::IpAddr;
use std::sync::Arc;

/// The policy of every response that is not a page: it loads nothing and is framed by
/// nobody. Pages get `page_csp`, with the nonce of their inline scripts.
const DEFAULT_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The Content-Security-Policy of a page: scripts only from this site and the inline
/// ones that carry this response's nonce (Leptos's hydration and resource scripts),
/// wasm compiled, styles from this site (and in attributes, for drawn bars), nothing
/// framing it.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The nonce of one page request: made here, given to Leptos for its inline scripts
/// (`provide_page_nonce`), and named in the page's policy.
#[derive(Clone)]
pub struct CspNonce(pub Arc<str>);

/// For the render of a page: makes Leptos put this request's nonce on its inline
/// scripts (it would make one of its own, unknown to the policy).
pub fn provide_page_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// What the security middleware needs to know.
#[derive(Clone)]
pub struct Security {
    /// `--secure-cookies`: every cookie is `Secure`, whatever the request says.
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-Proto` is believed.
    pub trusted_proxies: Arc<[IpAddr]>,
}

/// Refuses cross-site calls of the API, then sets the headers on the answer.
pub async fn secure(State(security): State<Security>, mut req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    if api
        && !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && is_cross_site(req.headers())
    {
        tracing::warn!(path = %req.uri().path(), "cross-site API call refused");
        let refused = refusal(StatusCode::FORBIDDEN, &AppError::Forbidden);
        return with_headers(refused, None, false);
    }
    let nonce = (!api).then(|| {
        let nonce = CspNonce(uuid::Uuid::new_v4().simple().to_string().into());
        req.extensions_mut().insert(nonce.clone());
        nonce
    });
    let https = security.secure_cookies || came_over_https(&req, &security.trusted_proxies);
    with_headers(next.run(req).await, nonce, https)
}

/// Whether a browser says the request comes from another site: `Sec-Fetch-Site` when
/// it sends one (all current browsers), else an `Origin` whose host is not ours.
/// Requests that carry neither are not from a browser page, so no CSRF.
fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(origin);
    origin == "null" || !origin_host.eq_ignore_ascii_case(host)
}

/// HTTPS as the client sees it: a trusted proxy's `X-Forwarded-Proto: https`.
fn came_over_https(req: &Request, trusted: &[IpAddr]) -> bool {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_canonical());
    peer.is_some_and(|p| trusted.contains(&p))
        && req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

fn with_headers(mut response: Response, nonce: Option<CspNonce>, https: bool) -> Response {
    let headers = response.headers_mut();
    let is_page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if let (true, Some(CspNonce(nonce))) = (is_page, nonce) {
        if let Ok(policy) = HeaderValue::from_str(&page_csp(&nonce)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        );
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
        let cookies: Vec<HeaderValue> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| match v.to_str() {
                Ok(s) if !s.to_ascii_lowercase().contains("; secure") => {
                    HeaderValue::from_str(&format!("{s}; Secure")).unwrap_or_else(|_| v.clone())
                }
                _ => v.clone(),
            })
            .collect();
        if !cookies.is_empty() {
            headers.remove(header::SET_COOKIE);
            for cookie in cookies {
                headers.append(header::SET_COOKIE, cookie);
            }
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_cross_site;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn only_our_own_origin_may_call_the_api() {
        let host = ("host", "samskap.halden.no");
        assert!(!is_cross_site(&headers(&[host])), "no browser, no CSRF");
        assert!(!is_cross_site(&headers(&[
            host,
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(is_cross_site(&headers(&[
            host,
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(is_cross_site(&headers(&[
            host,
            ("sec-fetch-site", "same-site")
        ])));
        assert!(!is_cross_site(&headers(&[
            host,
            ("origin", "https://samskap.halden.no")
        ])));
        assert!(is_cross_site(&headers(&[
            host,
            ("origin", "https://evil.example")
        ])));
        assert!(is_cross_site(&headers(&[host, ("origin", "null")])));
        assert!(is_cross_site(&headers(&[
            host,
            ("origin", "https://samskap.halden.no.evil.example")
        ])));
    }
}
