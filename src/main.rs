//! Mounts the office bundle (every page but the phone pages).

fn main() {
    charterpass_app::app::start(charterpass_app::app::office::Office);
}
