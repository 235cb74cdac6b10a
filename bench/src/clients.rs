//! Posting clients: one per participant with its own cookies, over many loopback addresses.
use reqwest::Client;
use std::net::{IpAddr, Ipv4Addr};

/// Participants per source address: joins are throttled per client address (a burst of
/// 60), so the clients are spread over loopback addresses (Linux routes 127/8 to `lo`).
pub const PER_ADDRESS: usize = 50;
/// Source addresses 127.0.0.2 ..= 127.0.0.30.
const ADDRESSES: usize = 29;
/// Posts per participant per minute we stay under (the server refuses the 11th).
pub const POSTS_PER_MINUTE: usize = 8;

/// Participants needed for `rate` posts a second, none posting more than 8 a minute,
/// and no more than there are posts.
pub fn needed(rate: u32, total_posts: usize) -> usize {
    (rate as usize * 60)
        .div_ceil(POSTS_PER_MINUTE)
        .min(total_posts)
        .max(1)
}

/// `count` clients with cookie stores, 50 per loopback address.
pub fn build(count: usize) -> Result<Vec<Client>, String> {
    if count > PER_ADDRESS * ADDRESSES {
        return Err(format!(
            "{count} participants need more than {ADDRESSES} source addresses; lower --rate"
        ));
    }
    (0..count)
        .map(|i| {
            let last = u8::try_from(2 + i / PER_ADDRESS).expect("at most 30");
            Client::builder()
                .cookie_store(true)
                .http1_only()
                .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last)))
                .build()
                .map_err(|e| e.to_string())
        })
        .collect()
}
