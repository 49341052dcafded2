//! Mounts the enterprise's bundle (`/enterprise/…`).

fn main() {
    charterpass_app::app::start(charterpass_app::app::enterprise::EnterpriseApp);
}
