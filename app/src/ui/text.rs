//! Text in places Leptos does not escape for us.

/// The content of a `<textarea>`, escaped: Leptos 0.8 renders a textarea's text child
/// unescaped on the server, so typed text like `</textarea><script>` would break out.
/// Use it with `inner_html`, which the browser parses back into the same text.
pub fn textarea_text(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_cannot_close_the_textarea() {
        assert_eq!(
            super::textarea_text("</textarea><b>&"),
            "&lt;/textarea&gt;&lt;b&gt;&amp;"
        );
    }
}
