//! What a client can push into one request before anything else runs: the body size
//! (small for forms, photo-sized for uploads, checked against `Content-Length` first
//! and enforced while reading), and a well-formed multipart header for uploads.
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use samskap_app::error::AppError;
use samskap_app::server::photo::MAX_UPLOAD_BYTES;

/// Largest body of any request but an upload: a measure's longest form, typed in a
/// script whose characters take four bytes, fits with room to spare.
pub const MAX_FORM_BYTES: usize = 512 * 1024;
/// Largest upload body: the photo and its few small fields.
pub const MAX_UPLOAD_BODY_BYTES: usize = MAX_UPLOAD_BYTES + 64 * 1024;
const UPLOAD_PREFIX: &str = "/api/photos/";

/// An `AppError` as the API's JSON answer with its status.
pub fn refusal(status: StatusCode, err: &AppError) -> Response {
    let body = serde_json::to_string(err).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Caps every request's body, and admits an upload only with a parsable multipart
/// header. (How many uploads run at once is bounded once the uploader is known:
/// `samskap_app::server::photo::UploadSlots`.)
pub async fn limit_bodies(req: Request, next: Next) -> Response {
    let upload = req.uri().path().starts_with(UPLOAD_PREFIX);
    let max = if upload {
        MAX_UPLOAD_BODY_BYTES
    } else {
        MAX_FORM_BYTES
    };
    let too_large = || {
        refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            &AppError::RequestTooLarge(max / 1024),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return too_large();
    }
    if upload {
        let boundary_ok = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                ct.starts_with("multipart/form-data") && multer::parse_boundary(ct).is_ok()
            });
        if !boundary_ok {
            return refusal(StatusCode::BAD_REQUEST, &AppError::BadRequest);
        }
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, max)));
    next.run(req).await
}
