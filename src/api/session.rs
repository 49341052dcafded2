//! Signing in and out, and asking who is signed in.

use charterpass_core::role::Role;
use charterpass_core::session::{Credentials, Me};

use super::json::{self, Field, Object};
use super::ApiError;

/// Signs in; the server sets the session cookie.
pub async fn sign_in(credentials: &Credentials) -> Result<Me, ApiError> {
    let body = json::object_text(&[
        ("username", Field::Text(&credentials.username)),
        ("password", Field::Text(&credentials.password)),
    ]);
    let text = super::send_json("POST", "/session", body).await?;
    json::parse_object(&text)
        .and_then(|me| me_of(&me))
        .ok_or(ApiError::Unexpected)
}

/// The signed-in person, or `None` when nobody is.
pub async fn me() -> Result<Option<Me>, ApiError> {
    let text = super::get_text("/session").await?;
    match json::parse_nullable(&text) {
        Some(Some(me)) => me_of(&me).map(Some).ok_or(ApiError::Unexpected),
        Some(None) => Ok(None),
        None => Err(ApiError::Unexpected),
    }
}

/// The signed-in person as the API describes them.
fn me_of(me: &Object) -> Option<Me> {
    Some(Me {
        username: me.text("username")?,
        display_name: me.text("display_name")?,
        role: Role::parse(&me.text("role")?)?,
        enterprise_id: me.optional_integer("enterprise_id")?,
        prefecture_code: me.optional_text("prefecture_code")?,
        must_change_password: me.flag_or("must_change_password", false)?,
    })
}

/// Signs out.
pub async fn sign_out() -> Result<(), ApiError> {
    super::delete("/session").await
}

/// Ends every session of the signed-in person, on every device.
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    super::post_empty("/session/sign-out-everywhere").await
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use charterpass_core::role::Role;
    use charterpass_core::session::Me;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::{json, me_of, Field};

    fn read(text: &str) -> Option<Me> {
        me_of(&json::parse_object(text)?)
    }

    #[test]
    fn the_signed_in_person_reads_back_as_serde_writes_them() {
        for (enterprise_id, prefecture_code) in [(Some(7), None), (None, Some("530100".to_owned()))]
        {
            let written = Me {
                username: "driver_km1".into(),
                display_name: "张三".into(),
                role: Role::Driver,
                enterprise_id,
                prefecture_code,
                must_change_password: true,
            };
            assert_eq!(
                read(&serde_json::to_string(&written).unwrap()),
                Some(written)
            );
        }
    }

    #[test]
    fn an_older_answer_without_the_password_flag_means_no_change_is_due() {
        let me = read(
            r#"{"username":"a","display_name":"A","role":"admin","enterprise_id":null,"prefecture_code":null}"#,
        );
        assert_eq!(me.map(|me| me.must_change_password), Some(false));
        assert_eq!(
            read(r#"{"username":"a","display_name":"A","role":"king"}"#),
            None
        );
    }

    #[test]
    fn credentials_are_written_as_serde_would_read_them() {
        let body = json::object_text(&[
            ("username", Field::Text("a\"b")),
            ("password", Field::Text("密码\\1")),
        ]);
        let read: charterpass_core::session::Credentials = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (read.username.as_str(), read.password.as_str()),
            ("a\"b", "密码\\1")
        );
    }
}
