//! The house plan as a test: which top-level module may import which. Modules are listed bottom
//! up, and each may import only modules listed before it, so the layering has no loops. A
//! `use crate::x` that breaks the table fails this test with the file and line.

/// (module, what it may import). Order matters: every entry's imports come earlier.
const LAYERS: &[(&str, &[&str])] = &[
    ("secret", &[]),
    ("times", &[]),
    ("manual", &[]),
    ("limits", &["secret"]),
    ("ids", &["limits", "secret"]),
    ("authz", &["ids", "limits", "secret", "times"]),
    ("tlog", &["ids", "limits", "times"]),
    // The review report's model, from audit entries alone (rendered by vault-cli).
    ("review", &["ids", "limits", "times", "tlog"]),
    ("identity", &["authz", "ids", "limits", "secret"]),
    (
        "wire",
        &["authz", "identity", "ids", "limits", "secret", "times"],
    ),
    ("i18n", &["limits", "tlog", "wire"]),
    ("crypto", &["ids", "limits", "secret"]),
    (
        "store",
        &[
            "authz", "crypto", "ids", "limits", "secret", "times", "tlog",
        ],
    ),
    (
        "vault",
        &[
            "authz", "crypto", "i18n", "identity", "ids", "limits", "secret", "store", "times",
            "tlog", "wire",
        ],
    ),
    (
        "daemon",
        &[
            "authz", "i18n", "identity", "ids", "limits", "secret", "times", "tlog", "vault",
            "wire",
        ],
    ),
];

/// Narrower rules inside an allowed import: the domain speaks reason codes, never wire types.
const ONLY: &[(&str, &str, &[&str])] = &[("vault", "wire", &["reason"])];

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_table_is_bottom_up_so_it_has_no_loops() {
    for (i, (module, imports)) in LAYERS.iter().enumerate() {
        for import in *imports {
            let at = LAYERS.iter().position(|(m, _)| m == import);
            assert!(
                at.is_some_and(|at| at < i),
                "{module} may import {import}, which must be listed before it"
            );
        }
    }
}

#[test]
fn every_import_follows_the_table() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut broken = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.iter().next().unwrap().to_str().unwrap();
        let module = first.trim_end_matches(".rs");
        // The binary, the crate root and this test are not layers.
        if ["main", "messages", "lib", "layers"].contains(&module) {
            continue;
        }
        let allowed = LAYERS
            .iter()
            .find(|(m, _)| *m == module)
            .unwrap_or_else(|| panic!("{module} (from {relative:?}) is missing from LAYERS"))
            .1;
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may reach further (fixtures); the rule is for the code itself.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            for (at, _) in line.match_indices("crate::") {
                let path: Vec<&str> = line[at + 7..]
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                    .next()
                    .unwrap()
                    .split("::")
                    .collect();
                let target = path[0];
                if target == module || target.is_empty() || target.starts_with(char::is_uppercase) {
                    continue;
                }
                let where_ = format!("{}:{}", relative.display(), n + 1);
                if !allowed.contains(&target) {
                    broken.push(format!("{where_}: {module} imports {target}"));
                }
                for (m, t, only) in ONLY {
                    if *m == module
                        && *t == target
                        && !only.contains(&path.get(1).copied().unwrap_or(""))
                    {
                        broken.push(format!(
                            "{where_}: {module} may import only {only:?} of {target}"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the house plan:\n{}",
        broken.join("\n")
    );
}
