//! The steps of the verification pipeline and their typed errors (stable codes, Chinese messages).

use core::fmt;
use serde::{Serialize, Serializer};

/// One named step of the verification pipeline, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// The trust list itself: signed, pinned and not too old to vouch for anything.
    TrustList,
    /// The text prefix `BC1:` and the text length.
    Prefix,
    /// Base45 decoding.
    Base45,
    /// zlib inflation with a size cap.
    Zlib,
    /// The COSE_Sign1 structure.
    Cose,
    /// The signature algorithm (ES256 only).
    Algorithm,
    /// The key identifier and the trust list.
    Kid,
    /// The key's removal from the trust list (撤销密钥).
    Removed,
    /// The ECDSA signature.
    Signature,
    /// The CWT claims and the charter data.
    Claims,
    /// The validity window at the inspector's clock.
    Time,
    /// Every place within the six provinces of the scope.
    Scope,
}

impl Step {
    /// Every step, in pipeline order.
    pub const ALL: [Step; 12] = [
        Step::TrustList,
        Step::Prefix,
        Step::Base45,
        Step::Zlib,
        Step::Cose,
        Step::Algorithm,
        Step::Kid,
        Step::Removed,
        Step::Signature,
        Step::Claims,
        Step::Time,
        Step::Scope,
    ];

    /// The stable snake_case name of the step.
    pub fn code(self) -> &'static str {
        match self {
            Step::TrustList => "trust_list",
            Step::Prefix => "prefix",
            Step::Base45 => "base45",
            Step::Zlib => "zlib",
            Step::Cose => "cose",
            Step::Algorithm => "algorithm",
            Step::Kid => "kid",
            Step::Removed => "removed",
            Step::Signature => "signature",
            Step::Claims => "claims",
            Step::Time => "time",
            Step::Scope => "scope",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// Why a certificate was rejected: one variant per distinct failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerifyError {
    /// The trust list is past its hard limit, or none passed its checks: nothing can be vouched for.
    TrustListUnusable,
    /// The text is longer than [`super::limits::MAX_TEXT_LEN`].
    TextTooLong,
    /// The text does not start with the expected prefix.
    PrefixMissing,
    /// The text after the prefix is not valid Base45.
    Base45Invalid,
    /// The bytes are not a valid zlib stream.
    ZlibInvalid,
    /// The inflated message is larger than [`super::limits::MAX_INFLATED_LEN`].
    ZlibTooLarge,
    /// The message is not a well-formed COSE_Sign1.
    CoseInvalid,
    /// The CBOR nesting is deeper than [`super::limits::MAX_CBOR_DEPTH`].
    CborTooDeep,
    /// The algorithm is missing or not ES256.
    AlgorithmUnsupported,
    /// The protected header has no 8-byte kid.
    KidMissing,
    /// No key of the trust list has this kid.
    KidUnknown,
    /// The issuing province has no key in the trust list.
    IssuerNotTrusted,
    /// The trust list entry's key is unreadable or does not match its kid.
    IssuerKeyInvalid,
    /// The issuer key is outside its trusted window at the verification clock.
    IssuerKeyExpired,
    /// The signing key was withdrawn from the trust list (撤销密钥).
    KeyRemoved,
    /// The signature does not match the message and the issuer key.
    SignatureInvalid,
    /// The CWT claims or the charter data are missing, malformed or inconsistent.
    ClaimsInvalid,
    /// The `iss` claim is not the province of the signing key.
    IssuerMismatch,
    /// The verification clock is before `nbf` (or `iat`).
    NotYetValid,
    /// The verification clock is after `exp`.
    Expired,
    /// A place of the trip lies outside the six provinces of the scope.
    OutOfScope,
}

impl VerifyError {
    /// Every error, in pipeline order.
    pub const ALL: [VerifyError; 21] = [
        VerifyError::TrustListUnusable,
        VerifyError::TextTooLong,
        VerifyError::PrefixMissing,
        VerifyError::Base45Invalid,
        VerifyError::ZlibInvalid,
        VerifyError::ZlibTooLarge,
        VerifyError::CoseInvalid,
        VerifyError::CborTooDeep,
        VerifyError::AlgorithmUnsupported,
        VerifyError::KidMissing,
        VerifyError::KidUnknown,
        VerifyError::IssuerNotTrusted,
        VerifyError::IssuerKeyInvalid,
        VerifyError::IssuerKeyExpired,
        VerifyError::KeyRemoved,
        VerifyError::SignatureInvalid,
        VerifyError::ClaimsInvalid,
        VerifyError::IssuerMismatch,
        VerifyError::NotYetValid,
        VerifyError::Expired,
        VerifyError::OutOfScope,
    ];

    /// The pipeline step this error belongs to.
    pub fn step(self) -> Step {
        use VerifyError::*;
        match self {
            TrustListUnusable => Step::TrustList,
            TextTooLong | PrefixMissing => Step::Prefix,
            Base45Invalid => Step::Base45,
            ZlibInvalid | ZlibTooLarge => Step::Zlib,
            CoseInvalid | CborTooDeep => Step::Cose,
            AlgorithmUnsupported => Step::Algorithm,
            KidMissing | KidUnknown | IssuerNotTrusted | IssuerKeyInvalid | IssuerKeyExpired => {
                Step::Kid
            }
            KeyRemoved => Step::Removed,
            SignatureInvalid => Step::Signature,
            ClaimsInvalid | IssuerMismatch => Step::Claims,
            NotYetValid | Expired => Step::Time,
            OutOfScope => Step::Scope,
        }
    }

    /// The stable snake_case code of the error.
    pub fn code(self) -> &'static str {
        use VerifyError::*;
        match self {
            TrustListUnusable => "trust_list_unusable",
            TextTooLong => "text_too_long",
            PrefixMissing => "prefix_missing",
            Base45Invalid => "base45_invalid",
            ZlibInvalid => "zlib_invalid",
            ZlibTooLarge => "zlib_too_large",
            CoseInvalid => "cose_invalid",
            CborTooDeep => "cbor_too_deep",
            AlgorithmUnsupported => "algorithm_unsupported",
            KidMissing => "kid_missing",
            KidUnknown => "kid_unknown",
            IssuerNotTrusted => "issuer_not_trusted",
            IssuerKeyInvalid => "issuer_key_invalid",
            IssuerKeyExpired => "issuer_key_expired",
            KeyRemoved => "key_removed",
            SignatureInvalid => "signature_invalid",
            ClaimsInvalid => "claims_invalid",
            IssuerMismatch => "issuer_mismatch",
            NotYetValid => "not_yet_valid",
            Expired => "expired",
            OutOfScope => "out_of_scope",
        }
    }

    /// The message shown to the inspector, in Simplified Chinese.
    pub fn message(self) -> &'static str {
        use VerifyError::*;
        match self {
            TrustListUnusable => {
                "信任列表已过期太久或未通过校验，无法确认任何凭证的真伪，请联网更新信任列表"
            }
            TextTooLong => "二维码内容过长，不是省际包车电子凭证",
            PrefixMissing => "不是省际包车电子凭证二维码（前缀不符）",
            Base45Invalid => "二维码内容已损坏（Base45 编码无效）",
            ZlibInvalid => "二维码内容已损坏（解压失败）",
            ZlibTooLarge => "二维码内容解压后超出大小上限",
            CoseInvalid => "凭证结构无效（COSE 格式错误）",
            CborTooDeep => "凭证结构嵌套过深",
            AlgorithmUnsupported => "不支持的签名算法",
            KidMissing => "凭证缺少签发密钥标识",
            KidUnknown => "签发密钥不在信任列表中",
            IssuerNotTrusted => "签发省份不在信任列表中",
            IssuerKeyInvalid => "信任列表中的签发密钥无效",
            IssuerKeyExpired => "签发密钥不在有效期内",
            KeyRemoved => "签发密钥已被撤销（已从信任列表移除），凭证不予认可",
            SignatureInvalid => "签名验证失败，凭证可能被篡改",
            ClaimsInvalid => "凭证内容不完整或格式错误",
            IssuerMismatch => "签发省份与签发密钥不一致",
            NotYetValid => "凭证尚未生效",
            Expired => "凭证已过期",
            OutOfScope => "行程途经地超出启用范围（滇渝川黔桂藏）",
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for VerifyError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_snake_case() {
        let mut codes: Vec<_> = VerifyError::ALL.iter().map(|e| e.code()).collect();
        assert!(codes.iter().all(|c| c
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), VerifyError::ALL.len());
    }

    #[test]
    fn errors_are_in_pipeline_order() {
        let steps: Vec<_> = VerifyError::ALL.iter().map(|e| e.step()).collect();
        assert!(steps.windows(2).all(|w| w[0] <= w[1]));
        assert!(Step::ALL.iter().all(|s| steps.contains(s)));
    }
}
