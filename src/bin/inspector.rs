//! Mounts the inspector's bundle (`/verify`).

fn main() {
    charterpass_app::app::start(charterpass_app::app::inspector::InspectorApp);
}
