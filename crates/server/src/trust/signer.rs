//! The province's key roles beyond the document-signing keys: the root (根密钥), kept offline,
//! and the list-signing key (列表签名密钥) in the data folder, with the root's certification.

use std::path::{Path, PathBuf};

use charterpass_core::certificate::signed_list::certification::{claimed_root, open_certification};
use charterpass_core::certificate::signed_list::seal::certify;
use charterpass_core::certificate::signed_list::{CertifiedSigner, Fingerprint};
use chrono::{Months, Utc};
use p256::ecdsa::SigningKey;

use super::TrustError;
use crate::keys::{generate_key, read_private_key, write_owner_only, write_private_key};

/// The list-signing key's file in `<data_dir>/keys/`.
pub const LIST_SIGNER_FILE: &str = "list-signer.pem";
/// The root's certification of it, beside it.
pub const CERTIFICATION_FILE: &str = "list-signer.cert";

/// The list-signing key with its root certification.
pub struct ListSigner {
    /// The private list-signing key.
    pub key: SigningKey,
    /// The certification bytes, carried in every list.
    pub certification: Vec<u8>,
    /// What the certification says.
    pub certified: CertifiedSigner,
}

impl ListSigner {
    /// Loads the list signer of `data_dir`; `None` until `root certify` has been run.
    pub fn load(data_dir: &Path, province: &str) -> Result<Option<ListSigner>, TrustError> {
        let keys = data_dir.join("keys");
        let (key_path, cert_path) = (keys.join(LIST_SIGNER_FILE), keys.join(CERTIFICATION_FILE));
        if !cert_path.exists() {
            return Ok(None);
        }
        let key = read_private_key(&key_path)?;
        let certification =
            std::fs::read(&cert_path).map_err(|e| TrustError::Io(cert_path.clone(), e))?;
        let root = claimed_root(&certification)
            .map_err(|e| TrustError::Certification(cert_path.clone(), e))?;
        let certified = open_certification(&certification, &root)
            .map_err(|e| TrustError::Certification(cert_path.clone(), e))?;
        if certified.key != *key.verifying_key() {
            return Err(TrustError::CertifiesAnotherKey(cert_path));
        }
        if certified.province != province {
            return Err(TrustError::WrongProvince(
                certified.province,
                province.into(),
            ));
        }
        Ok(Some(ListSigner {
            key,
            certification,
            certified,
        }))
    }

    /// The pinned root's fingerprint.
    pub fn root(&self) -> Fingerprint {
        self.certified.root
    }
}

/// Creates a root key in a new owner-only file and returns its fingerprint.
pub fn init_root(out: &Path) -> Result<Fingerprint, TrustError> {
    if out.exists() {
        return Err(TrustError::Exists(out.to_owned()));
    }
    let root = generate_key();
    write_private_key(out, &root)?;
    Ok(Fingerprint::of(root.verifying_key()))
}

/// The root at `root_path` certifies the list-signing key of `data_dir` (created if missing)
/// for `years`; replaces an earlier certification.
pub fn certify_signer(
    root_path: &Path,
    data_dir: &Path,
    province: &str,
    years: u32,
) -> Result<(Fingerprint, PathBuf), TrustError> {
    let root = read_private_key(root_path)?;
    let keys = data_dir.join("keys");
    crate::db::create_private_dir(&keys).map_err(|e| TrustError::Io(keys.clone(), e))?;
    let key_path = keys.join(LIST_SIGNER_FILE);
    if !key_path.exists() {
        write_private_key(&key_path, &generate_key())?;
    }
    let signer = read_private_key(&key_path)?;
    let now = Utc::now();
    let until = now + Months::new(12 * years);
    let certification = certify(
        &root,
        province,
        signer.verifying_key(),
        now.timestamp() - 60,
        until.timestamp(),
    );
    let cert_path = keys.join(CERTIFICATION_FILE);
    let fresh = keys.join(format!("{CERTIFICATION_FILE}.new"));
    let _ = std::fs::remove_file(&fresh);
    write_owner_only(&fresh, &certification)?;
    std::fs::rename(&fresh, &cert_path).map_err(|e| TrustError::Io(cert_path.clone(), e))?;
    Ok((Fingerprint::of(root.verifying_key()), cert_path))
}
