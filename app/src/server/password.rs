//! Password hashing (argon2id, PHC strings) and generation of one-time passwords.
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::distributions::{Alphanumeric, DistString};
use std::sync::Arc;
use std::time::Duration;

/// Argon2 computations at once: each takes 19 MiB and a core for tens of milliseconds,
/// so a burst of logins from many networks must queue instead of taking gigabytes.
pub const MAX_PASSWORD_WORK: usize = 4;
/// How long a login waits for a free slot before it is told `Busy`.
pub const PASSWORD_WAIT: Duration = Duration::from_secs(5);

/// The slots for password hashing and verification, shared by every request.
#[derive(Clone)]
pub struct PasswordWork {
    slots: Arc<tokio::sync::Semaphore>,
    wait: Duration,
}

impl Default for PasswordWork {
    fn default() -> Self {
        Self::new(MAX_PASSWORD_WORK, PASSWORD_WAIT)
    }
}

impl PasswordWork {
    pub fn new(slots: usize, wait: Duration) -> Self {
        Self {
            slots: Arc::new(tokio::sync::Semaphore::new(slots)),
            wait,
        }
    }

    /// Runs `work` on the blocking pool once a slot is free; `Busy` after waiting too long.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, crate::error::AppError> {
        use crate::error::AppError;
        let slot = tokio::time::timeout(self.wait, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|_| AppError::Internal)?;
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            work()
        })
        .await
        .map_err(|_| AppError::Internal)
    }
}

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

    #[tokio::test]
    async fn password_work_queues_and_then_says_busy() {
        use std::time::Duration;
        let work = super::PasswordWork::new(1, Duration::from_millis(100));
        let slow = work.clone();
        let first = tokio::spawn(async move {
            slow.run(|| std::thread::sleep(Duration::from_millis(400)))
                .await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(work.run(|| 1).await, Err(crate::error::AppError::Busy));
        assert_eq!(first.await.unwrap(), Ok(()));
        assert_eq!(work.run(|| 2).await, Ok(2), "the slot is free again");
    }

    #[test]
    fn generated_passwords_differ() {
        let (a, b) = (super::generate(), super::generate());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
    }
}
