//! Mounts the start bundle (the start page, signing in, feedback, 404).

fn main() {
    charterpass_app::app::start(charterpass_app::app::start::StartApp);
}
