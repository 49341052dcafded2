//! Mounts the administrator's bundle (`/admin/…`).

fn main() {
    charterpass_app::app::start(charterpass_app::app::admin::AdminApp);
}
