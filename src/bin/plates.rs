//! Mounts the plate-printing bundle (`/enterprise/plates/…`).

fn main() {
    charterpass_app::app::start(charterpass_app::app::plates::PlatesApp);
}
