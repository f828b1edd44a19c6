//! Content hashes: what a note's bytes were when the editor loaded them, so a
//! save can tell whether another program changed the file in between.

use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes`, as 64 lower-case hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push(char::from_digit(u32::from(byte >> 4), 16).expect("hex digit"));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).expect("hex digit"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::content_hash;

    #[test]
    fn known_digests() {
        assert_eq!(content_hash(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_ne!(content_hash(b"a"), content_hash(b"A"));
    }
}
