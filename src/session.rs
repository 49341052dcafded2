//! Who is signed in, known to every page through the Leptos context.

use charterpass_core::session::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The signed-in person, once the app has asked the server.
#[derive(Clone, Copy)]
pub struct Session {
    /// `None` until the server has answered; then `Some(None)` when nobody is signed in.
    pub me: RwSignal<Option<Option<Me>>>,
}

impl Session {
    /// Creates the session context and asks the server who is signed in.
    pub fn provide() -> Session {
        let session = Session {
            me: RwSignal::new(None),
        };
        provide_context(session);
        spawn_local(async move {
            let me = crate::api::session::me().await.ok().flatten();
            session.me.set(Some(me));
        });
        session
    }

    /// The session context of the running app.
    pub fn get() -> Session {
        expect_context::<Session>()
    }

    /// The signed-in person, if known.
    pub fn current(&self) -> Option<Me> {
        self.me.get().flatten()
    }
}
