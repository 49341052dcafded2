//! `charterpass first-admin`: creates the first administrator on a database without one and
//! prints a one-time password, changed at the first sign-in. Further accounts are made in the app.

use clap::Args;

use crate::config::DataArgs;
use crate::db::Db;
use crate::store::accounts;

/// Settings of `charterpass first-admin`.
#[derive(Args, Debug)]
pub struct FirstAdminArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The administrator's user name (3–32 letters, digits, `_`, `-`, `.`).
    #[arg(long)]
    pub username: String,
    /// The name shown in the app.
    #[arg(long, default_value = "系统管理员")]
    pub name: String,
}

/// Creates the administrator and prints the user name and one-time password.
pub fn run(args: &FirstAdminArgs) -> Result<(), Box<dyn std::error::Error>> {
    let db = Db::open(&args.data.data_dir)?;
    let created = db.with(|conn| {
        let tx = conn.transaction()?;
        let created = accounts::create_first_admin(&tx, &args.username, &args.name)?;
        tx.commit()?;
        Ok::<_, accounts::FirstAdminError>(created)
    })?;
    println!("First administrator created.");
    println!("  username:           {}", created.username);
    println!("  one-time password:  {}", created.password);
    println!("Sign in with it and set a new password; it is shown only this once.");
    Ok(())
}
