//! The bearer token that guards writes: 32 random bytes in hex, generated on
//! the first start and kept in `DATA_DIR/api-token` (mode 0600 on Unix).

use std::io::Write;
use std::path::Path;

/// The token file's name inside the data directory.
pub const TOKEN_FILE: &str = "api-token";

/// The token stored in `dir`, creating it when absent; `true` when it was
/// created now (the caller prints it once).
pub fn load_or_create(dir: &Path) -> std::io::Result<(String, bool)> {
    let path = dir.join(TOKEN_FILE);
    match std::fs::read_to_string(&path) {
        Ok(s) if !s.trim().is_empty() => return Ok((s.trim().to_string(), false)),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&path)?;
    f.write_all(token.as_bytes())?;
    f.write_all(b"\n")?;
    f.sync_all()?;
    Ok((token, true))
}

/// Whether an `Authorization` header value carries `token`, compared in
/// constant time.
pub fn authorizes(header: Option<&str>, token: &str) -> bool {
    let Some(given) = header.and_then(|h| h.strip_prefix("Bearer ")) else {
        return false;
    };
    let (a, b) = (given.trim().as_bytes(), token.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_created_once_private_and_then_reused() {
        let tmp = tempfile::tempdir().unwrap();
        let (t1, created) = load_or_create(tmp.path()).unwrap();
        assert!(created);
        assert_eq!(t1.len(), 64);
        let (t2, created) = load_or_create(tmp.path()).unwrap();
        assert!(!created);
        assert_eq!(t1, t2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(tmp.path().join(TOKEN_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn only_the_exact_bearer_token_authorizes() {
        assert!(authorizes(Some("Bearer abc"), "abc"));
        assert!(!authorizes(Some("Bearer abd"), "abc"));
        assert!(!authorizes(Some("Bearer ab"), "abc"));
        assert!(!authorizes(Some("abc"), "abc"));
        assert!(!authorizes(None, "abc"));
    }
}
