//! 1. Stops the build when the contracts (spec/openapi.yaml, sql/) changed since generated/ was
//!    made: generated/CHECKSUMS, written by `make generate`, must match them.
//! 2. Embeds sql/migrations into the binary (`orders migrate`).
//! 3. Derives the route table (templates, methods, public or not) from the spec's `paths`, for
//!    the metric and log labels, `Allow`, and which requests need credentials: the generated
//!    router keeps its own matching private, so the spec is read again rather than copied.

use std::{collections::BTreeMap, env, fmt::Write as _, fs, path::Path};

use sha2::{Digest, Sha256};

fn main() {
    println!("cargo:rerun-if-changed=spec");
    println!("cargo:rerun-if-changed=sql");
    println!("cargo:rerun-if-changed=generated/CHECKSUMS");
    check_generated_is_current();
    embed_migrations();
    derive_routes();
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

/// `spec/openapi.yaml`'s `paths`, read line by line: a path is a two-space-indented key starting
/// with `/`, its operations four-space-indented method keys, and an operation is public when it
/// says `security: []`. Fails the build if the spec stops looking like that.
fn derive_routes() {
    const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];
    let spec = fs::read_to_string("spec/openapi.yaml").expect("read spec/openapi.yaml");
    // (template, methods, operations that need credentials)
    let mut routes: Vec<(String, Vec<String>, usize)> = Vec::new();
    let mut in_paths = false;
    for line in spec.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() && !line.starts_with('#') {
            in_paths = line == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(template) = line.strip_prefix("  /").and_then(|l| l.strip_suffix(':')) {
            routes.push((format!("/{template}"), Vec::new(), 0));
        } else if let Some(method) = line.strip_prefix("    ").and_then(|l| l.strip_suffix(':')) {
            if METHODS.contains(&method) {
                let route = routes.last_mut().expect("an operation under a path");
                route.1.push(method.to_uppercase());
                route.2 += 1;
            }
        } else if line.trim_end() == "      security: []" {
            routes.last_mut().expect("an operation under a path").2 -= 1;
        }
    }
    assert!(routes.len() >= 5 && routes.iter().all(|r| !r.1.is_empty()), "could not read the spec's paths");
    let mut out = String::from("pub static ROUTES: &[Route] = &[\n");
    for (template, methods, secured) in routes {
        let (methods, public) = (methods.join(", "), secured == 0);
        writeln!(out, "    Route {{ template: {template:?}, methods: {methods:?}, public: {public} }},").unwrap();
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("routes.rs"), out).unwrap();
}
