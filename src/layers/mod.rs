//! The house plan as tests. Between the library's top-level modules: which may import which,
//! listed bottom up, each importing only modules listed before it, so the layering has no loops.
//! Inside any folder, of the library, the vaultd binary or vault-cli: no two modules import each
//! other (a folder's `mod.rs` is its front door, which its files may use and which declares
//! them, so it is not counted against them). A path that breaks either rule fails with the file
//! and line.

mod scan;

use scan::{crate_modules, references, Module, Reference};
use std::collections::BTreeMap;
use std::path::Path;

/// (module, what it may import). Order matters: every entry's imports come earlier.
const LAYERS: &[(&str, &[&str])] = &[
    // Files only their owner may reach: made, written whole, checked.
    ("private_file", &[]),
    ("secret", &["private_file"]),
    ("times", &[]),
    // Work in order on every core: producer, workers, in-order consumer, bounded by tickets.
    ("pipeline", &[]),
    ("manual", &[]),
    ("limits", &["secret"]),
    ("ids", &["limits", "secret"]),
    ("authz", &["ids", "limits", "secret", "times"]),
    ("tlog", &["ids", "limits", "pipeline", "times"]),
    // The review report's model, from audit entries alone (rendered by vault-cli).
    ("review", &["ids", "limits", "pipeline", "times", "tlog"]),
    (
        "identity",
        &["authz", "ids", "limits", "private_file", "secret"],
    ),
    (
        "wire",
        &["authz", "identity", "ids", "limits", "secret", "times"],
    ),
    ("i18n", &["ids", "limits", "tlog", "wire"]),
    ("crypto", &["ids", "limits", "secret"]),
    // The notifier: a client of the vault like vault-cli (wire, identity), never its inside.
    (
        "notify",
        &[
            "i18n",
            "identity",
            "ids",
            "limits",
            "private_file",
            "secret",
            "times",
            "wire",
        ],
    ),
    (
        "store",
        &[
            "authz",
            "crypto",
            "ids",
            "limits",
            "private_file",
            "secret",
            "times",
            "tlog",
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
            "authz", "i18n", "identity", "ids", "limits", "notify", "secret", "times", "tlog",
            "vault", "wire",
        ],
    ),
];

/// Narrower rules inside an allowed import: the domain speaks reason codes, never wire types.
const ONLY: &[(&str, &str, &[&str])] = &[("vault", "wire", &["reason"])];

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The crates of the workspace, by root file.
fn crates() -> [(&'static str, Vec<Module>); 3] {
    let root = manifest_dir();
    [
        ("vaultd (library)", crate_modules(&root.join("src/lib.rs"))),
        (
            "vaultd (binary)",
            crate_modules(&root.join("src/bin/vaultd/main.rs")),
        ),
        (
            "vault-cli",
            crate_modules(&root.join("vault-cli/src/main.rs")),
        ),
    ]
}

fn place(module: &Module, reference: &Reference) -> String {
    let file = module
        .file
        .strip_prefix(manifest_dir())
        .unwrap_or(&module.file);
    format!("{}:{}", file.display(), reference.line)
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
    let [(_, library), ..] = crates();
    let mut broken = Vec::new();
    for module in library.iter().filter(|m| !m.path.is_empty()) {
        let top = module.path[0].as_str();
        let allowed = LAYERS
            .iter()
            .find(|(m, _)| *m == top)
            .unwrap_or_else(|| panic!("{top} (from {:?}) is missing from LAYERS", module.file))
            .1;
        for reference in references(module) {
            let Some(target) = reference.path.first().map(String::as_str) else {
                continue;
            };
            // Items of the crate root (`crate::VERSION`) belong to no layer.
            if target == top || !library.iter().any(|m| m.path == [target]) {
                continue;
            }
            if !allowed.contains(&target) {
                broken.push(format!(
                    "{}: {top} imports {target}",
                    place(module, &reference)
                ));
            }
            for (m, t, only) in ONLY {
                let part = reference.path.get(1).map(String::as_str).unwrap_or("");
                if *m == top && *t == target && !only.contains(&part) {
                    broken.push(format!(
                        "{}: {top} may import only {only:?} of {target}",
                        place(module, &reference)
                    ));
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

/// The pairs of sibling modules (two modules of one parent: a file or a folder each) that import
/// each other, in `modules`, with where each direction is.
fn loops_between_siblings(modules: &[Module]) -> Vec<String> {
    // (parent, from, to) -> the first place `from` names `to`.
    let mut edges: BTreeMap<(Vec<String>, String, String), String> = BTreeMap::new();
    for module in modules {
        for reference in references(module) {
            // Cut the path to the module it names (an item's path names its module).
            let target = (0..=reference.path.len())
                .rev()
                .map(|n| &reference.path[..n])
                .find(|p| modules.iter().any(|m| m.path == *p))
                .unwrap_or_default();
            let common = module
                .path
                .iter()
                .zip(target)
                .take_while(|(a, b)| a == b)
                .count();
            // A module naming its ancestor or its own descendant is not a loop between files.
            if common == module.path.len() || common == target.len() {
                continue;
            }
            edges
                .entry((
                    module.path[..common].to_vec(),
                    module.path[common].clone(),
                    target[common].clone(),
                ))
                .or_insert_with(|| place(module, &reference));
        }
    }
    let mut loops = Vec::new();
    for ((parent, from, to), here) in &edges {
        if from < to {
            if let Some(there) = edges.get(&(parent.clone(), to.clone(), from.clone())) {
                let folder = if parent.is_empty() {
                    "the crate root".to_owned()
                } else {
                    parent.join("::")
                };
                loops.push(format!(
                    "in {folder}: {from} and {to} import each other ({here}; {there})"
                ));
            }
        }
    }
    loops
}

#[test]
fn no_two_modules_of_a_folder_import_each_other() {
    let mut loops = Vec::new();
    for (name, modules) in crates() {
        for found in loops_between_siblings(&modules) {
            loops.push(format!("{name}: {found}"));
        }
    }
    assert!(
        loops.is_empty(),
        "modules that import each other:\n{}",
        loops.join("\n")
    );
}

#[test]
fn a_loop_between_two_files_of_a_folder_is_found() {
    let module = |path: &[&str], code: &str| Module {
        path: path.iter().map(|s| s.to_string()).collect(),
        file: format!("{}.rs", path.join("/")).into(),
        code: code.to_owned(),
    };
    let modules = [
        module(&["store"], "mod audit;\nmod keys;\nuse audit::Log;\n"),
        module(
            &["store", "audit"],
            "use super::keys::KEY_FILE;\nuse super::StoreError;\n",
        ),
        module(&["store", "keys"], "fn f() { super::audit::ORIGIN }\n"),
    ];
    let loops = loops_between_siblings(&modules);
    assert_eq!(loops.len(), 1, "{loops:?}");
    assert!(
        loops[0].contains("audit and keys import each other"),
        "{loops:?}"
    );
    // The folder's front door and its files do not count.
    assert!(loops_between_siblings(&modules[..2]).is_empty());
}
