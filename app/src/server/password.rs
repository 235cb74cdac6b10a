//! Password hashing (argon2id, PHC strings) and generation of one-time passwords.
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::distributions::{Alphanumeric, DistString};

/// Hashes a password with argon2id and a random salt.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with default parameters cannot fail")
        .to_string()
}

/// Whether `password` matches the stored PHC string; a malformed hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A random 20-character password for new accounts, shown once.
pub fn generate() -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), 20)
}

/// A hash of a random password, verified against when an email is unknown, so that a
/// wrong email takes as long as a wrong password and timing reveals nothing.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash(&generate()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn hash_verifies_only_the_same_password() {
        let phc = super::hash("korrekt hest batteri");
        assert!(phc.starts_with("$argon2id$"));
        assert!(super::verify("korrekt hest batteri", &phc));
        assert!(!super::verify("korrekt hest batteri!", &phc));
        assert!(!super::verify("x", "not a hash"));
    }

    #[test]
    fn generated_passwords_differ() {
        let (a, b) = (super::generate(), super::generate());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
    }
}
