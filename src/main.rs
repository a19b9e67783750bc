//! `orders`: the order processing service. See README.md.

mod auth;
mod config;
mod db;
mod domain;
mod http;
mod metrics;
mod payments;
mod startup;
mod telemetry;
mod workflow;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::{config::Settings, db::migrate::Direction, startup::ProcessRole};

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
    /// Print the environment variables the binary reads, as JSON (name, commands, default,
    /// required, one_of, description): what deployments are checked against
    Config {
        /// List every variable
        #[arg(long)]
        list: bool,
    },
    /// Print the Prometheus metric families the binary exposes, as JSON (name, type): what the
    /// dashboard is checked against
    Metrics {
        /// List every family
        #[arg(long)]
        list: bool,
    },
    /// Exit 0 when URL answers 2xx within 5 s (a container healthcheck: the image has no curl)
    Healthcheck { url: String },
    /// Print a bearer token signed with the HS256 secret (for development and tests)
    Token {
        #[arg(long, value_enum)]
        role: TokenRole,
        /// The customer a customer token is for
        #[arg(long, required_if_eq("role", "customer"))]
        customer_id: Option<i64>,
        /// How long the token is valid, e.g. `1h`, `30d`
        #[arg(long, default_value = "24h", value_parser = config::parse_duration)]
        ttl: std::time::Duration,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum TokenRole {
    Admin,
    Customer,
    /// A shipping carrier's integration: posts shipment events only
    Carrier,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MigrateDirection {
    Up,
    Down,
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    // These read no settings and start nothing.
    match &cli.command {
        Command::Config { .. } => {
            println!("{}", serde_json::to_string_pretty(config::VARIABLES)?);
            return Ok(());
        }
        Command::Metrics { .. } => {
            let families: Vec<_> = metrics::get()
                .families()
                .iter()
                .map(|(name, kind)| serde_json::json!({"name": name, "type": kind}))
                .collect();
            println!("{}", serde_json::to_string_pretty(&families)?);
            return Ok(());
        }
        Command::Healthcheck { url } => return healthcheck(url),
        _ => {}
    }
    let _telemetry = telemetry::init()?;
    // Every setting is parsed and checked before anything connects or listens.
    let command = match &cli.command {
        Command::All => "all",
        Command::Serve => "serve",
        Command::Worker => "worker",
        Command::Migrate { .. } => "migrate",
        Command::Repair => "repair",
        Command::Token { .. } => "token",
        Command::Config { .. } | Command::Metrics { .. } | Command::Healthcheck { .. } => {
            unreachable!("handled above")
        }
    };
    let settings = Settings::from_env(command)?;
    match cli.command {
        Command::All => startup::run(ProcessRole::All, settings).await,
        Command::Serve => startup::run(ProcessRole::Api, settings).await,
        Command::Worker => startup::run(ProcessRole::Worker, settings).await,
        Command::Repair => startup::repair(settings).await,
        Command::Config { .. } | Command::Metrics { .. } | Command::Healthcheck { .. } => {
            unreachable!("handled above")
        }
        Command::Migrate { direction } => {
            let direction = match direction {
                MigrateDirection::Up => Direction::Up,
                MigrateDirection::Down => Direction::Down,
            };
            db::migrate::run(&settings.database_url, direction).await
        }
        Command::Token { role, customer_id, ttl } => {
            let principal = match (role, customer_id) {
                (TokenRole::Admin, _) => auth::Principal::Admin,
                (TokenRole::Carrier, _) => auth::Principal::Carrier,
                (TokenRole::Customer, Some(id)) if id > 0 => auth::Principal::Customer(id),
                (TokenRole::Customer, _) => anyhow::bail!("--customer-id must be a positive integer"),
            };
            println!("{}", auth::Authenticator::new(&settings.auth)?.issue(principal, ttl)?);
            Ok(())
        }
    }
}

/// A plain HTTP/1.1 GET (no TLS: the probe runs next to the server), 2xx or an error.
fn healthcheck(url: &str) -> Result<()> {
    use std::{
        io::{Read, Write},
        net::{TcpStream, ToSocketAddrs},
        time::Duration,
    };
    let rest = url.strip_prefix("http://").ok_or_else(|| anyhow::anyhow!("{url}: only http:// URLs"))?;
    let (authority, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(a, p)| (a, format!("/{p}")));
    let addr = authority.to_socket_addrs()?.next().ok_or_else(|| anyhow::anyhow!("{authority}: no address"))?;
    let timeout = Duration::from_secs(5);
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n")?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head)?;
    let status = std::str::from_utf8(&head[9..12]).unwrap_or("");
    anyhow::ensure!(status.starts_with('2'), "{url} answered {status}");
    Ok(())
}
