//! The verdict in words an inspector reads at a glance (核验结论): 真实有效; 真实，但尚未生效 /
//! 已过期 (and for how long); 真实，但超出启用范围; 真实，但已撤销 / 已结束 (online); 不能确认真伪.

use crate::certificate::{Verdict, VerifyError};
use crate::verification::OnlineStatus;

/// The conclusion of one verification: the offline verdict and, once known, the online status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conclusion {
    /// 真实有效: genuine, in force and in scope.
    Valid,
    /// 真实，但尚未生效: takes effect in this many seconds.
    NotYetValid {
        /// Seconds until `nbf`.
        starts_in: i64,
    },
    /// 真实，但已过期: expired this many seconds ago.
    Expired {
        /// Seconds since `exp`.
        ended_ago: i64,
    },
    /// 真实，但超出启用范围: a place of the trip lies outside the provinces of the scope.
    OutOfScope,
    /// 真实，但已撤销: the issuing server says the certificate was revoked.
    Revoked,
    /// 真实，但已结束: the issuing server says the trip has ended.
    Ended,
    /// 不能确认真伪: the check that failed before the signature could vouch for anything.
    Unconfirmed(VerifyError),
}

/// How a conclusion reads: good, genuine but not to be accepted, or not even genuine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Accept the certificate.
    Valid,
    /// Genuine, but not in force now.
    Genuine,
    /// Its genuineness cannot be confirmed.
    Unconfirmed,
}

impl Conclusion {
    /// The conclusion of `verdict`, reached at `at` (seconds since the Unix epoch).
    pub fn of(verdict: &Verdict, at: i64) -> Conclusion {
        match verdict {
            Verdict::Verified(_) => Conclusion::Valid,
            Verdict::NotInForce(n) => match n.rejection.error {
                VerifyError::NotYetValid => Conclusion::NotYetValid {
                    starts_in: n.certificate.not_before - at,
                },
                VerifyError::Expired => Conclusion::Expired {
                    ended_ago: at - n.certificate.expires,
                },
                _ => Conclusion::OutOfScope,
            },
            Verdict::Rejected(r) => Conclusion::Unconfirmed(r.error),
        }
    }

    /// The conclusion once the issuing server answered: a revocation or an end overrides a
    /// genuine certificate's window; an unconfirmed one stays unconfirmed.
    pub fn with_online(self, status: Option<OnlineStatus>) -> Conclusion {
        match (self, status) {
            (Conclusion::Unconfirmed(_), _) => self,
            (_, Some(OnlineStatus::Revoked)) => Conclusion::Revoked,
            (_, Some(OnlineStatus::Ended)) => Conclusion::Ended,
            _ => self,
        }
    }

    /// The words in large type.
    pub fn headline(self) -> &'static str {
        match self {
            Conclusion::Valid => "真实有效",
            Conclusion::NotYetValid { .. } => "真实，但尚未生效",
            Conclusion::Expired { .. } => "真实，但已过期",
            Conclusion::OutOfScope => "真实，但超出启用范围",
            Conclusion::Revoked => "真实，但已撤销",
            Conclusion::Ended => "真实，但已结束",
            Conclusion::Unconfirmed(_) => "不能确认真伪",
        }
    }

    /// The line under the headline: how long until or since, or why; `None` when valid.
    pub fn detail(self) -> Option<String> {
        Some(match self {
            Conclusion::Valid => return None,
            Conclusion::NotYetValid { starts_in } => format!("还有{}生效", span(starts_in)),
            Conclusion::Expired { ended_ago } => format!("已过期{}", span(ended_ago)),
            Conclusion::OutOfScope => "行程含启用范围以外的地点，本凭证在此不予认可".to_owned(),
            Conclusion::Revoked => "签发系统显示该凭证已被撤销".to_owned(),
            Conclusion::Ended => "签发系统显示该凭证的行程已结束".to_owned(),
            Conclusion::Unconfirmed(error) => error.message().to_owned(),
        })
    }

    /// How it reads.
    pub fn tone(self) -> Tone {
        match self {
            Conclusion::Valid => Tone::Valid,
            Conclusion::Unconfirmed(_) => Tone::Unconfirmed,
            _ => Tone::Genuine,
        }
    }
}

/// A length of time in words, rounded down: `不到 1 分钟`, ` 5 分钟`, ` 2 小时 5 分钟`, ` 3 天 4 小时`.
pub fn span(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => "不到 1 分钟".to_owned(),
        (0, 0, m) => format!(" {m} 分钟"),
        (0, h, 0) => format!(" {h} 小时"),
        (0, h, m) => format!(" {h} 小时 {m} 分钟"),
        (d, 0, _) => format!(" {d} 天"),
        (d, h, _) => format!(" {d} 天 {h} 小时"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_naturally() {
        assert_eq!(span(59), "不到 1 分钟");
        assert_eq!(span(60), " 1 分钟");
        assert_eq!(span(2 * 3600), " 2 小时");
        assert_eq!(span(2 * 3600 + 5 * 60 + 59), " 2 小时 5 分钟");
        assert_eq!(span(86_400), " 1 天");
        assert_eq!(span(3 * 86_400 + 4 * 3600 + 59 * 60), " 3 天 4 小时");
        assert_eq!(span(-5), "不到 1 分钟");
    }

    #[test]
    fn headlines_and_details() {
        let soon = Conclusion::NotYetValid { starts_in: 90 * 60 };
        assert_eq!(soon.headline(), "真实，但尚未生效");
        assert_eq!(soon.detail().as_deref(), Some("还有 1 小时 30 分钟生效"));
        let late = Conclusion::Expired {
            ended_ago: 2 * 86_400,
        };
        assert_eq!(late.detail().as_deref(), Some("已过期 2 天"));
        assert_eq!(Conclusion::Valid.detail(), None);
        let forged = Conclusion::Unconfirmed(VerifyError::SignatureInvalid);
        assert_eq!(forged.headline(), "不能确认真伪");
        assert_eq!(forged.tone(), Tone::Unconfirmed);
    }

    #[test]
    fn online_revocation_overrides_a_genuine_certificate_only() {
        let revoked = Some(OnlineStatus::Revoked);
        assert_eq!(Conclusion::Valid.with_online(revoked), Conclusion::Revoked);
        let late = Conclusion::Expired { ended_ago: 60 };
        assert_eq!(
            late.with_online(Some(OnlineStatus::Ended)),
            Conclusion::Ended
        );
        assert_eq!(
            Conclusion::Valid.with_online(Some(OnlineStatus::Unknown)),
            Conclusion::Valid
        );
        let forged = Conclusion::Unconfirmed(VerifyError::SignatureInvalid);
        assert_eq!(forged.with_online(revoked), forged);
    }
}
