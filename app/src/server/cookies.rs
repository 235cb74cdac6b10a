//! Reading a cookie from a request's headers: one parser for every cookie Samskap sets.
use http::{header, HeaderMap};

/// The value of the cookie `name` the request carries, if any (the first of that name).
pub fn value_of<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn finds_the_named_cookie_among_others_and_in_several_headers() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("a=1; samskap_x=2"));
        headers.append(header::COOKIE, HeaderValue::from_static("b=3"));
        assert_eq!(value_of(&headers, "samskap_x"), Some("2"));
        assert_eq!(value_of(&headers, "b"), Some("3"));
        assert_eq!(value_of(&headers, "samskap"), None);
    }
}
