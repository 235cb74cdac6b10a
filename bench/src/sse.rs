//! Splitting a server-sent event stream into events and finding the bench tags in cards.

/// The prefix of each post's unique text; the post number follows.
pub const TAG: &str = "bench-";

/// Buffers a stream's bytes and hands out complete events.
#[derive(Default)]
pub struct SseParser {
    buffer: Vec<u8>,
}

impl SseParser {
    /// Feeds a chunk; calls `found` with the post number of each card event carrying a tag.
    pub fn feed(&mut self, chunk: &[u8], mut found: impl FnMut(u32)) {
        self.buffer.extend(chunk.iter().filter(|&&b| b != b'\r'));
        let mut start = 0;
        while let Some(end) = find(&self.buffer[start..], b"\n\n") {
            if let Some(n) = tag_of_event(&self.buffer[start..start + end]) {
                found(n);
            }
            start += end + 2;
        }
        self.buffer.drain(..start);
    }
}

/// The tag of a default (`message`) event whose data is a card event; `None` for
/// named events (`presence`), comments and other data.
fn tag_of_event(event: &[u8]) -> Option<u32> {
    let mut data: Vec<u8> = Vec::new();
    for line in event.split(|&b| b == b'\n') {
        if let Some(name) = line.strip_prefix(b"event:") {
            if name.trim_ascii() != b"message" {
                return None;
            }
        } else if let Some(value) = line.strip_prefix(b"data:") {
            if !data.is_empty() {
                data.push(b'\n');
            }
            data.extend_from_slice(value.strip_prefix(b" ").unwrap_or(value));
        }
    }
    find(&data, br#""type":"card""#)?;
    let at = find(&data, TAG.as_bytes())? + TAG.len();
    let digits = data[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&data[at..at + digits])
        .ok()?
        .parse()
        .ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_of_card_events_across_chunks() {
        let mut parser = SseParser::default();
        let mut found = Vec::new();
        let stream = concat!(
            ":\n\n",
            "event: presence\ndata: {\"staff\":1,\"participants\":0}\n\n",
            "id: 7\ndata: {\"type\":\"card\",\"card\":{\"body\":\"bench-12\"}}\n\n",
            "id: 8\ndata: {\"type\":\"removed\",\"id\":\"bench-13\"}\n\n",
            "data: {\"card\":{\"body\":\"bench-40\"},\"type\":\"card\"}\r\n\r\n",
        );
        for chunk in stream.as_bytes().chunks(5) {
            parser.feed(chunk, |n| found.push(n));
        }
        assert_eq!(found, vec![12, 40]);
        assert!(parser.buffer.is_empty());
    }
}
