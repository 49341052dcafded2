//! Mutual recognition (互信互认): the root and list-signing keys, the signed trust lists we
//! publish, and the exchange of lists with neighbouring provinces. Contract: `docs/trust-list.md`.

pub mod demo;
pub mod exchange;
pub mod publish;
pub mod served;
pub mod signer;
pub mod store;

use std::path::PathBuf;

use charterpass_core::certificate::signed_list::ListError;

use crate::keys::KeyError;

/// Why a trust operation failed.
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    /// A file could not be read or written.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// A key file problem.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The database refused.
    #[error("数据库错误：{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Our stored certification is unreadable.
    #[error("{0}: 根密钥认证无效：{1}")]
    Certification(PathBuf, ListError),
    /// Our stored certification certifies another key than the list-signing key beside it.
    #[error("{0}: 该认证不是对本目录列表签名密钥的认证，请重新运行 charterpass root certify")]
    CertifiesAnotherKey(PathBuf),
    /// Our certification names another province.
    #[error("列表签名密钥经认证属于省份 {0}，而本系统服务省份 {1}")]
    WrongProvince(String, String),
    /// The root key file already exists.
    #[error("{0} 已存在：不覆盖已有的根密钥")]
    Exists(PathBuf),
    /// No list-signing key has been certified yet.
    #[error("本省列表签名密钥尚未经根密钥认证：请先运行 charterpass root init 与 charterpass root certify")]
    NotCertified,
    /// A list was refused.
    #[error("信任列表被拒绝（{code}）：{0}", code = .0.code())]
    Refused(#[from] ListError),
    /// A neighbour's list is our own province's.
    #[error("这是本省（{0}）自己的信任列表，不能作为邻省列表导入")]
    OwnList(String),
    /// The pin differs from the one the province's lists were imported with before.
    #[error("省份 {0} 此前以根指纹 {1} 导入：更换根指纹须加 --repin 明确确认")]
    PinChanged(String, String),
    /// The key to remove is not in our trust list.
    #[error("信任列表中没有密钥 {0}")]
    UnknownKid(String),
    /// The removal needs a reason.
    #[error("撤销密钥须说明原因（--reason）")]
    ReasonMissing,
}
