//! Applies `sql/migrations/` (golang-migrate's layout: `NNNNNN_name.up.sql` / `.down.sql`), and
//! records the version in golang-migrate's own `schema_migrations` table, so the seed's
//! `migrate` CLI and this command agree on the state of a database.
//!
//! Several instances may start at once: a session-level advisory lock lets one of them apply the
//! migrations while the others wait and then find nothing left to do. Each migration runs in
//! its own transaction together with the version bump.

use anyhow::{bail, Context, Result};
use tokio_postgres::{Client, NoTls};
use tracing::info;

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub up: &'static str,
    pub down: &'static str,
}

// `MIGRATIONS: &[Migration]`, embedded by build.rs from sql/migrations, sorted by version.
include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// Any constant works as long as nothing else in the database uses it.
const LOCK_KEY: i64 = 0x6f72_6465_7273; // "orders"

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

pub async fn run(database_url: &str, direction: Direction) -> Result<()> {
    let (mut client, connection) =
        tokio_postgres::connect(database_url, NoTls).await.context("cannot connect to DATABASE_URL")?;
    let connection = tokio::spawn(connection);
    client.batch_execute("SET client_min_messages = warning").await?;
    client.execute("SELECT pg_advisory_lock($1)", &[&LOCK_KEY]).await?;
    let result = apply(&mut client, direction).await;
    // Closing the session releases the lock even when `apply` failed.
    drop(client);
    let _ = connection.await;
    result
}

async fn apply(client: &mut Client, direction: Direction) -> Result<()> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL)",
        )
        .await?;
    let row = client.query_opt("SELECT version, dirty FROM schema_migrations LIMIT 1", &[]).await?;
    let current = match row {
        Some(row) if row.get::<_, bool>(1) => {
            bail!("schema_migrations says version {} is dirty: fix the database by hand first", row.get::<_, i64>(0))
        }
        Some(row) => row.get::<_, i64>(0),
        None => 0,
    };
    match direction {
        Direction::Up => {
            let pending: Vec<_> = MIGRATIONS.iter().filter(|m| m.version > current).collect();
            if pending.is_empty() {
                info!(version = current, "database schema is up to date");
            }
            for m in pending {
                step(client, m.up, Some(m.version)).await.with_context(|| format!("migration {} up", m.name))?;
                info!(version = m.version, name = m.name, "applied migration");
            }
        }
        Direction::Down => {
            let applied: Vec<_> = MIGRATIONS.iter().rev().filter(|m| m.version <= current).collect();
            for (i, m) in applied.iter().enumerate() {
                let previous = applied.get(i + 1).map(|p| p.version);
                step(client, m.down, previous).await.with_context(|| format!("migration {} down", m.name))?;
                info!(version = m.version, name = m.name, "reverted migration");
            }
        }
    }
    Ok(())
}

async fn step(client: &mut Client, sql: &str, new_version: Option<i64>) -> Result<()> {
    let tx = client.transaction().await?;
    tx.batch_execute(sql).await?;
    tx.execute("DELETE FROM schema_migrations", &[]).await?;
    if let Some(version) = new_version {
        tx.execute("INSERT INTO schema_migrations (version, dirty) VALUES ($1, false)", &[&version]).await?;
    }
    tx.commit().await?;
    Ok(())
}
