//! Why a signed trust list is refused: one variant per check, with stable codes and Chinese messages.

use core::fmt;
use serde::{Serialize, Serializer};

/// A refused trust list, in the order of the checks of `docs/trust-list.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListError {
    /// Larger than [`super::MAX_LIST_BYTES`].
    TooLarge,
    /// Not a COSE_Sign1 ES256 message with a payload, or truncated.
    Malformed,
    /// The unprotected header carries no list-signer certification.
    CertificationMissing,
    /// The certification is not a well-formed root-signed statement.
    CertificationInvalid,
    /// The certification's root key is not the pinned root.
    RootNotPinned,
    /// The root's signature over the certification does not verify.
    CertificationSignatureInvalid,
    /// The list is signed by a key other than the certified list-signing key.
    SignerNotCertified,
    /// The list-signing key's signature over the list does not verify.
    SignatureInvalid,
    /// The payload is not a well-formed trust-list content, or a key does not match its kid.
    ContentInvalid,
    /// The payload's format version is not one this verifier reads.
    VersionUnsupported,
    /// The list names another province than the one its signer is certified for.
    ProvinceMismatch,
    /// The list was issued outside its signer's certified window.
    SignerExpired,
    /// The list claims to be issued in the future.
    NotYetValid,
    /// The list is past its expiry.
    Expired,
    /// The list is past the hard limit: nothing can be vouched for until it is refreshed.
    TooOld,
    /// The list's sequence number is not newer than the one already held (rollback).
    RolledBack,
    /// A key of a neighbour's list names another province than the neighbour's.
    ForeignKey,
}

impl ListError {
    /// Every error, in check order.
    pub const ALL: [ListError; 17] = [
        ListError::TooLarge,
        ListError::Malformed,
        ListError::CertificationMissing,
        ListError::CertificationInvalid,
        ListError::RootNotPinned,
        ListError::CertificationSignatureInvalid,
        ListError::SignerNotCertified,
        ListError::SignatureInvalid,
        ListError::ContentInvalid,
        ListError::VersionUnsupported,
        ListError::ProvinceMismatch,
        ListError::SignerExpired,
        ListError::NotYetValid,
        ListError::Expired,
        ListError::TooOld,
        ListError::RolledBack,
        ListError::ForeignKey,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        use ListError::*;
        match self {
            TooLarge => "too_large",
            Malformed => "malformed",
            CertificationMissing => "certification_missing",
            CertificationInvalid => "certification_invalid",
            RootNotPinned => "root_not_pinned",
            CertificationSignatureInvalid => "certification_signature_invalid",
            SignerNotCertified => "signer_not_certified",
            SignatureInvalid => "signature_invalid",
            ContentInvalid => "content_invalid",
            VersionUnsupported => "version_unsupported",
            ProvinceMismatch => "province_mismatch",
            SignerExpired => "signer_expired",
            NotYetValid => "not_yet_valid",
            Expired => "expired",
            TooOld => "too_old",
            RolledBack => "rolled_back",
            ForeignKey => "foreign_key",
        }
    }

    /// The message shown to an operator or an inspector, in Simplified Chinese.
    pub fn message(self) -> &'static str {
        use ListError::*;
        match self {
            TooLarge => "信任列表文件过大",
            Malformed => "不是有效的签名信任列表（格式错误或文件不完整）",
            CertificationMissing => "信任列表缺少列表签名密钥的根密钥认证",
            CertificationInvalid => "列表签名密钥的根密钥认证格式错误",
            RootNotPinned => "信任列表的根密钥与预置（固定）的根密钥指纹不符",
            CertificationSignatureInvalid => "列表签名密钥的根密钥认证签名无效",
            SignerNotCertified => "信任列表不是由经根密钥认证的列表签名密钥签署",
            SignatureInvalid => "信任列表签名无效，内容可能被篡改",
            ContentInvalid => "信任列表内容格式错误",
            VersionUnsupported => "不支持的信任列表格式版本",
            ProvinceMismatch => "信任列表的签发省份与列表签名密钥的认证省份不一致",
            SignerExpired => "信任列表签发时列表签名密钥不在认证有效期内",
            NotYetValid => "信任列表的签发时间晚于当前时间",
            Expired => "信任列表已过期",
            TooOld => "信任列表已过期太久，无法据此核验任何凭证，请联网更新",
            RolledBack => "信任列表的序号不比已有的新（疑似回滚），已拒绝",
            ForeignKey => "邻省信任列表中含有不属于该省的密钥",
        }
    }
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ListError {}

impl Serialize for ListError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = ListError::ALL.iter().map(|e| e.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ListError::ALL.len());
    }
}
