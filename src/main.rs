//! `orders`: the order processing service. See README.md.

mod auth;
mod config;
mod db;
mod domain;
mod http;
mod metrics;
mod startup;
mod telemetry;
mod workflow;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::{config::Settings, db::migrate::Direction, startup::Role as ProcessRole};

/// The order processing service: HTTP API, Temporal worker, migrations.
/// Configuration comes from the environment (see README.md).
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// API and worker in one process
    All,
    /// The HTTP API only
    Serve,
    /// The Temporal worker only
    Worker,
    /// Apply (`up`) or revert all (`down`) database migrations
    Migrate {
        #[arg(value_enum)]
        direction: MigrateDirection,
    },
    /// Restart processing of orders whose workflow ended without finishing them (terminated,
    /// failed, timed out, or missing); see `orders_workflow_closed_unfinished`
    Repair,
    /// Print a bearer token signed with the HS256 secret (for development and tests)
    Token {
        #[arg(long, value_enum)]
        role: Role,
        /// The customer a customer token is for
        #[arg(long, required_if_eq("role", "customer"))]
        customer_id: Option<i64>,
        /// How long the token is valid, e.g. `1h`, `30d`
        #[arg(long, default_value = "24h", value_parser = config::parse_duration)]
        ttl: std::time::Duration,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Role {
    Admin,
    Customer,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MigrateDirection {
    Up,
    Down,
}

#[tokio::main]
async fn main() -> Result<()> {
    let _telemetry = telemetry::init()?;
    let cli = Cli::parse();
    let settings = Settings::from_env()?;
    match cli.command {
        Command::All => startup::run(ProcessRole::All, settings).await,
        Command::Serve => startup::run(ProcessRole::Api, settings).await,
        Command::Worker => startup::run(ProcessRole::Worker, settings).await,
        Command::Repair => startup::repair(settings).await,
        Command::Migrate { direction } => {
            let direction = match direction {
                MigrateDirection::Up => Direction::Up,
                MigrateDirection::Down => Direction::Down,
            };
            db::migrate::run(&settings.database_url, direction).await
        }
        Command::Token { role, customer_id, ttl } => {
            let principal = match (role, customer_id) {
                (Role::Admin, _) => auth::Principal::Admin,
                (Role::Customer, Some(id)) if id > 0 => auth::Principal::Customer(id),
                (Role::Customer, _) => anyhow::bail!("--customer-id must be a positive integer"),
            };
            println!("{}", auth::Authenticator::new(&settings.auth)?.issue(principal, ttl)?);
            Ok(())
        }
    }
}
