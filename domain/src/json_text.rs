//! JSON as server functions answer it, read as text (feature `server-fn`).
//!
//! The same bytes as server_fn's `Json`; only the browser's reading differs. server_fn
//! reads an answer with `serde_json::from_slice`, while an island's props and the board's
//! events are read with `from_str`: two readers of every type a page both starts from
//! and fetches (the board, its cards), in the wasm a phone downloads. Answers read here
//! as text leave one.
use serde::{de::DeserializeOwned, Serialize};
use server_fn::codec::Post;
use server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};

/// The encoding: `application/json`, written as server_fn writes it, read as text.
pub struct JsonTextEncoding;

/// A server function's answer as JSON: `#[server(endpoint = "…", output = crate::JsonText)]`
/// in the app (`lint.sh` checks every one says so).
pub type JsonText = Post<JsonTextEncoding>;

impl ContentType for JsonTextEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonTextEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        // Not UTF-8 is not JSON (the app reads any decoding error as `BadRequest`).
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            <serde_json::Error as serde::de::Error>::custom("the answer is not UTF-8")
        })?;
        serde_json::from_str(text)
    }
}
