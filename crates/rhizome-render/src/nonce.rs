//! The per-render secret that marks the attributes the renderer wrote itself.
//!
//! Every `class`, `id`, `data-*`, own `href` and `src` value the renderer
//! emits starts with this nonce; the sanitizer keeps exactly those attributes
//! and strips the nonce (see the crate documentation). A note cannot guess the
//! nonce because it is drawn anew for every render from std's randomly keyed
//! SipHash, the current time and a process-wide counter.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Counts nonces drawn in this process, so two renders in the same
/// nanosecond still hash different input.
static DRAWN: AtomicU64 = AtomicU64::new(0);

/// 128 random bits written as `0r` and 32 hex digits.
///
/// The leading digit matters: a URL scheme must start with a letter, so a
/// nonce-prefixed URL such as `0r…vault://localhost/x.png` is never taken for
/// an absolute URL with a strange scheme by the sanitizer's URL check.
#[derive(Clone, Debug)]
pub(crate) struct Nonce(String);

impl Nonce {
    pub(crate) fn new() -> Nonce {
        let count = DRAWN.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        // Each `RandomState::new()` carries its own random SipHash key, so the
        // two halves are independent 64-bit values.
        let half = |salt: u64| {
            let mut hasher = RandomState::new().build_hasher();
            hasher.write_u64(salt);
            hasher.write_u64(count);
            hasher.write_u128(nanos);
            hasher.finish()
        };
        Nonce(format!("0r{:016x}{:016x}", half(0x5eed), half(0xfeed)))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_differ_and_never_look_like_a_scheme() {
        let a = Nonce::new();
        let b = Nonce::new();
        assert_ne!(a.as_str(), b.as_str());
        assert_eq!(a.as_str().len(), 34);
        assert!(a.as_str().starts_with("0r"));
        assert!(a.as_str().chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
