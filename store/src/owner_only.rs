//! Files only their owner may read: the database and its backups.
use std::path::Path;

/// Makes an existing file readable and writable by its owner only (0600): the
/// database holds participants' texts and hashed sessions.
pub fn owner_only(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!(
            "cannot restrict {} to its owner: {e}",
            path.display()
        )),
    }
}
