//! Mounts the driver's bundle (`/driver`).

fn main() {
    charterpass_app::app::start(charterpass_app::app::driver::DriverApp);
}
