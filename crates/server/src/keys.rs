//! The issuing keys (签发密钥): P-256 keys per province in `<data_dir>/keys/`, PKCS#8 PEM, 0600.
//!
//! A file is `<province>-<created, YYYYMMDDTHHMMSSZ>.pem`. A province may have several keys: the
//! newest signs, the older ones stay in the trust list so their certificates keep verifying.
//! A data folder holds the keys of one province only, the one it serves: on first start that
//! province gets its key; other provinces' keys are public keys imported with their lists.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use charterpass_core::certificate::sign::sign_with;
use charterpass_core::certificate::{Claims, Issuer};
use chrono::{DateTime, Months, NaiveDateTime, Utc};
use p256::ecdsa::SigningKey;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use rand::RngCore;

use crate::config::DataArgs;

/// How long a key stays in the trust list after its creation, in months.
pub const KEY_TRUST_MONTHS: u32 = 6 * 12;

/// A key problem: unreadable, unwritable or unknown province.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Reading or writing the key folder failed.
    #[error("key folder {0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// A key file is not a P-256 PKCS#8 PEM, or its name is not `<province>-<time>.pem`.
    #[error("key file {0}: {1}")]
    Invalid(PathBuf, String),
    /// No key for this province.
    #[error("没有省份 {0} 的签发密钥")]
    NoKey(String),
    /// The folder holds a private key of another province than the one served.
    #[error("key folder {0} holds a private key of province {1}, but this server serves province {2}: a data folder holds only its own province's keys")]
    ForeignKey(PathBuf, String, String),
    /// The claims could not be signed.
    #[error("凭证内容无效：{0}")]
    Sign(String),
}

/// One issuing key.
pub struct IssuerKey {
    /// The private key.
    pub signing: SigningKey,
    /// Its trust-list entry.
    pub entry: Issuer,
}

/// Every issuing key of the province served, sorted by creation time.
pub struct KeyStore {
    province: String,
    keys: Vec<IssuerKey>,
}

impl KeyStore {
    /// Loads `<data_dir>/keys/`, creating `province`'s first key when it has none.
    pub fn open(data_dir: &Path, province: &str) -> Result<KeyStore, KeyError> {
        let dir = data_dir.join("keys");
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(|e| KeyError::Io(dir.clone(), e))?;
        let mut store = KeyStore::load(&dir, province)?;
        if store.signer(province).is_none() {
            create_key(&dir, province, Utc::now())?;
            store = KeyStore::load(&dir, province)?;
        }
        Ok(store)
    }

    /// Reads every document-signing key `<province>-<time>.pem` of `dir`; refuses another
    /// province's private key.
    fn load(dir: &Path, province: &str) -> Result<KeyStore, KeyError> {
        let entries = fs::read_dir(dir).map_err(|e| KeyError::Io(dir.to_owned(), e))?;
        let mut keys = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| KeyError::Io(dir.to_owned(), e))?.path();
            if !path.extension().is_some_and(|e| e == "pem") || !is_document_key(&path) {
                continue;
            }
            let key = read_key(&path)?;
            if key.entry.province != province {
                return Err(KeyError::ForeignKey(
                    path,
                    key.entry.province,
                    province.into(),
                ));
            }
            keys.push(key);
        }
        keys.sort_by(|a, b| {
            (&a.entry.province, a.entry.not_before).cmp(&(&b.entry.province, b.entry.not_before))
        });
        Ok(KeyStore {
            province: province.to_owned(),
            keys,
        })
    }

    /// Adds a new key for `province`, which signs from now on; older keys stay trusted.
    pub fn rotate(data_dir: &Path, province: &str) -> Result<KeyStore, KeyError> {
        create_key(&data_dir.join("keys"), province, Utc::now())?;
        KeyStore::open(data_dir, province)
    }

    /// The province whose keys these are.
    pub fn province(&self) -> &str {
        &self.province
    }

    /// Every key, oldest first.
    pub fn all(&self) -> &[IssuerKey] {
        &self.keys
    }

    /// The newest key of `province`: the one that signs.
    pub fn signer(&self, province: &str) -> Option<&IssuerKey> {
        self.keys
            .iter()
            .rev()
            .find(|k| k.entry.province == province)
    }

    /// Signs `claims` with the newest key of the province in `claims.iss`.
    pub fn sign(&self, claims: &Claims) -> Result<String, KeyError> {
        let key = self
            .signer(&claims.iss)
            .ok_or_else(|| KeyError::NoKey(claims.iss.clone()))?;
        sign_with(&key.signing, claims).map_err(|e| KeyError::Sign(e.message().to_owned()))
    }
}

/// Settings of `charterpass rotate-key`.
#[derive(clap::Args, Debug)]
pub struct RotateArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

/// Adds a key for the province and prints its kid.
pub fn run_rotate(args: &RotateArgs) -> Result<(), Box<dyn std::error::Error>> {
    let province = &args.data.province;
    let store = KeyStore::rotate(&args.data.data_dir, province)?;
    let key = store
        .signer(province)
        .ok_or_else(|| KeyError::NoKey(province.clone()))?;
    println!("{} {}", key.entry.province, key.entry.kid);
    Ok(())
}

/// Whether a file name is a document-signing key's: `<2 digits>-<time>.pem`.
fn is_document_key(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.len() > 3
        && name.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        && name.as_bytes()[2] == b'-'
}

/// The authority's name of a province.
pub fn issuer_name(province: &str) -> String {
    charterpass_core::scope::authority(province)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("省份 {province} 交通运输主管部门"))
}

/// Generates a key from the operating system's random source and writes it owner-only.
fn create_key(dir: &Path, province: &str, now: DateTime<Utc>) -> Result<PathBuf, KeyError> {
    let path = dir.join(format!("{province}-{}.pem", now.format("%Y%m%dT%H%M%SZ")));
    let signing = generate_key();
    write_private_key(&path, &signing)?;
    Ok(path)
}

/// A new P-256 key from the operating system's random source.
pub fn generate_key() -> SigningKey {
    loop {
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        if let Ok(key) = SigningKey::from_slice(&secret) {
            return key;
        }
    }
}

/// Writes `key` as PKCS#8 PEM to a new file, owner-only; never overwrites.
pub fn write_private_key(path: &Path, key: &SigningKey) -> Result<(), KeyError> {
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| KeyError::Invalid(path.to_owned(), e.to_string()))?;
    write_owner_only(path, pem.as_bytes())
}

/// Writes `bytes` to a new file readable by its owner only; never overwrites.
pub fn write_owner_only(path: &Path, bytes: &[u8]) -> Result<(), KeyError> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| KeyError::Io(path.to_owned(), e))?;
    file.write_all(bytes)
        .map_err(|e| KeyError::Io(path.to_owned(), e))
}

/// Reads a PKCS#8 PEM private key.
pub fn read_private_key(path: &Path) -> Result<SigningKey, KeyError> {
    let pem = fs::read_to_string(path).map_err(|e| KeyError::Io(path.to_owned(), e))?;
    SigningKey::from_pkcs8_pem(&pem).map_err(|e| KeyError::Invalid(path.to_owned(), e.to_string()))
}

/// Reads one key file; its name gives the province and the creation time.
fn read_key(path: &Path) -> Result<IssuerKey, KeyError> {
    let invalid = |why: &str| KeyError::Invalid(path.to_owned(), why.to_owned());
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let (province, created) = stem
        .split_once('-')
        .ok_or_else(|| invalid("name is not <province>-<time>.pem"))?;
    let created = NaiveDateTime::parse_from_str(created, "%Y%m%dT%H%M%SZ")
        .map_err(|_| invalid("time is not YYYYMMDDTHHMMSSZ"))?
        .and_utc();
    let pem = fs::read_to_string(path).map_err(|e| KeyError::Io(path.to_owned(), e))?;
    let signing = SigningKey::from_pkcs8_pem(&pem).map_err(|e| invalid(&e.to_string()))?;
    let not_after = created + Months::new(KEY_TRUST_MONTHS);
    let entry = Issuer::new(
        province,
        &issuer_name(province),
        signing.verifying_key(),
        created,
        not_after,
    )
    .map_err(|e| invalid(e.message()))?;
    Ok(IssuerKey { signing, entry })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn first_start_creates_one_owner_only_key_of_its_own_province_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyStore::open(dir.path(), "53").unwrap();
        let provinces: Vec<&str> = store
            .all()
            .iter()
            .map(|k| k.entry.province.as_str())
            .collect();
        assert_eq!(provinces, ["53"]);
        for entry in fs::read_dir(dir.path().join("keys")).unwrap() {
            let mode = entry.unwrap().metadata().unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = KeyStore::open(dir.path(), "53").unwrap();
        assert_eq!(again.all()[0].entry, store.all()[0].entry);
        assert!(matches!(
            KeyStore::open(dir.path(), "51"),
            Err(KeyError::ForeignKey(..))
        ));
    }

    #[test]
    fn the_newest_key_signs_and_older_keys_stay_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let first = KeyStore::open(dir.path(), "53").unwrap();
        let old_kid = first.signer("53").unwrap().entry.kid;
        create_key(
            &dir.path().join("keys"),
            "53",
            Utc::now() + chrono::Duration::seconds(5),
        )
        .unwrap();
        let store = KeyStore::open(dir.path(), "53").unwrap();
        assert_ne!(store.signer("53").unwrap().entry.kid, old_kid);
        assert!(store.all().iter().any(|k| k.entry.kid == old_kid));
        assert_eq!(store.all().len(), 2);
    }
}
