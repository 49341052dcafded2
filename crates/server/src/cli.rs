//! The command line: one subcommand per operator task.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{DataArgs, ServeArgs};

/// charterpass: 省际包车电子凭证 server and operator tools.
#[derive(Parser)]
#[command(name = "charterpass", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app and the JSON API.
    Serve(ServeArgs),
    /// Create the demo data set on an empty database and print its log-ins.
    SeedDemo(DataArgs),
    /// Create the first administrator (only when there is none) and print a one-time password.
    FirstAdmin(crate::first_admin::FirstAdminArgs),
    /// Verify one certificate offline; prints one JSON verdict (exit 0 valid, 1 rejected, 2 error).
    Verify(crate::verify::VerifyArgs),
    /// Sign a certificate from the given fields with a configured issuer's newest key.
    Mint(crate::mint::MintArgs),
    /// Regenerate the published test vectors from the test-only keys.
    Vectors(crate::vectors::VectorsArgs),
    /// Add a new issuing key for a province: it signs from now on, older keys stay trusted.
    RotateKey(crate::keys::RotateArgs),
    /// The province's root key (kept offline): create it, certify the list-signing key.
    #[command(subcommand)]
    Root(crate::trust::exchange::RootCommand),
    /// Signed trust lists: export ours, import a neighbour's, remove a key, show the list.
    #[command(subcommand)]
    Trust(crate::trust::exchange::TrustCommand),
    /// Read the QR code in PNG/JPEG pictures; one JSON line per file (exit 0 all read, 1 not).
    DecodeQr(crate::decode_qr::DecodeQrArgs),
    /// Copy the live database and the public key files into one backup file (server may run).
    Backup(crate::backup::BackupArgs),
    /// Check a backup file and bring it back into the data folder.
    Restore(crate::backup::RestoreArgs),
}

/// Parses the command line and runs the chosen subcommand.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => crate::serve::run(args),
        Command::SeedDemo(args) => crate::demo::run(&args),
        Command::FirstAdmin(args) => crate::first_admin::run(&args),
        Command::Verify(args) => return crate::verify::run(args),
        Command::Mint(args) => crate::mint::run(args),
        Command::Vectors(args) => crate::vectors::run(args),
        Command::RotateKey(args) => crate::keys::run_rotate(&args),
        Command::Root(command) => crate::trust::exchange::run_root(command),
        Command::Trust(command) => crate::trust::exchange::run_trust(command),
        Command::DecodeQr(args) => return crate::decode_qr::run(args),
        Command::Backup(args) => crate::backup::run_backup(&args).map_err(Into::into),
        Command::Restore(args) => crate::backup::run_restore(&args).map_err(Into::into),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("charterpass: {err}");
            ExitCode::from(2)
        }
    }
}
