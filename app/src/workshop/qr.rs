//! The join link of a workshop and its QR code (SVG, rendered on the server).
use crate::error::AppError;
use qrcode::render::svg;
use qrcode::QrCode;

/// The absolute join link for `code`, on the host the request came to.
pub async fn join_url(code: &str) -> Result<String, AppError> {
    let headers = leptos_axum::extract::<http::HeaderMap>()
        .await
        .map_err(|_| AppError::Internal)?;
    let host = headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let forwarded_https = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    let https = forwarded_https || crate::server::context::app()?.secure_cookies;
    let scheme = if https { "https" } else { "http" };
    Ok(format!("{scheme}://{host}/join?code={code}"))
}

/// A QR code of `text` as an inline SVG element (no XML declaration).
pub fn svg(text: &str) -> Result<String, AppError> {
    let code = QrCode::new(text.as_bytes()).map_err(|e| {
        tracing::error!(error = %e, "QR encoding failed");
        AppError::Internal
    })?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    Ok(match image.find("<svg") {
        Some(start) => image[start..].to_string(),
        None => image,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_an_svg() {
        let image = super::svg("http://127.0.0.1:3000/join?code=ABCD2345").unwrap();
        assert!(image.starts_with("<svg"));
        assert!(image.contains("<path"));
    }
}
