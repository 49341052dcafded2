//! Mounts the reviewer's bundle (`/review`).

fn main() {
    charterpass_app::app::start(charterpass_app::app::review::ReviewApp);
}
