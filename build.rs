//! 1. Stops the build when the contracts (spec/openapi.yaml, sql/) changed since generated/ was
//!    made: generated/CHECKSUMS, written by `make generate`, must match them.
//! 2. Embeds sql/migrations into the binary (`orders migrate`).

use std::{collections::BTreeMap, env, fmt::Write as _, fs, path::Path};

use sha2::{Digest, Sha256};

fn main() {
    println!("cargo:rerun-if-changed=spec");
    println!("cargo:rerun-if-changed=sql");
    println!("cargo:rerun-if-changed=generated/CHECKSUMS");
    check_generated_is_current();
    embed_migrations();
}

fn contract_files() -> Vec<String> {
    let mut files = vec!["spec/openapi.yaml".to_owned()];
    let mut stack = vec![Path::new("sql").to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read sql/") {
            let path = entry.expect("read sql/").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

fn check_generated_is_current() {
    let recorded = fs::read_to_string("generated/CHECKSUMS").unwrap_or_default();
    let recorded: BTreeMap<&str, &str> =
        recorded.lines().filter_map(|l| l.split_once("  ")).map(|(h, f)| (f, h)).collect();
    let mut stale = Vec::new();
    for file in contract_files() {
        let hash = hex(&Sha256::digest(fs::read(&file).expect("read contract file")));
        if recorded.get(file.as_str()) != Some(&hash.as_str()) {
            stale.push(file);
        }
    }
    let current = contract_files();
    stale.extend(recorded.keys().filter(|f| !current.iter().any(|c| c == *f)).map(|f| f.to_string()));
    if !stale.is_empty() {
        panic!(
            "\n\nThe contracts changed since generated/ was made: {}\nRun `make generate` and commit generated/.\n\n",
            stale.join(", ")
        );
    }
}

fn embed_migrations() {
    let mut ups: Vec<_> = fs::read_dir("sql/migrations")
        .expect("read sql/migrations")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".up.sql"))
        .collect();
    ups.sort();
    let mut out = String::from("pub static MIGRATIONS: &[Migration] = &[\n");
    for up in ups {
        let stem = up.trim_end_matches(".up.sql");
        let (version, name) = stem.split_once('_').expect("migration files are NNNNNN_name.up.sql");
        let version: i64 = version.parse().expect("migration version is a number");
        let dir = env::current_dir().unwrap().join("sql/migrations");
        let down = dir.join(format!("{stem}.down.sql"));
        assert!(down.exists(), "{up} has no .down.sql");
        writeln!(
            out,
            "    Migration {{ version: {version}, name: {name:?}, up: include_str!({:?}), down: include_str!({:?}) }},",
            dir.join(&up),
            down
        )
        .unwrap();
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("migrations.rs"), out).unwrap();
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
