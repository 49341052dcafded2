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
}

/// Parses the command line and runs the chosen subcommand.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => crate::serve::run(args),
        Command::SeedDemo(args) => crate::demo::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("charterpass: {err}");
            ExitCode::from(2)
        }
    }
}
