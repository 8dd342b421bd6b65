//! Reading Rust source for the house-plan tests, without a parser: the module tree a crate
//! declares (`mod x;` from its root file), each file's code with comments, literals and test-only
//! items blanked out (line numbers kept), and the module paths that code names (`crate::`,
//! `super::`, `self::` and the `use` trees under them), resolved to modules of the crate.

use std::path::{Path, PathBuf};

/// One module that has a file of its own.
pub struct Module {
    /// From the crate root: `["store", "audit"]`; the root itself is `[]`.
    pub path: Vec<String>,
    pub file: PathBuf,
    /// The file's code as [`code_of`] leaves it.
    pub code: String,
}

/// Every module file of the crate whose root file is `root`, following `mod x;` declarations
/// (those under `#[cfg(test)]` are left out: tests may reach further, for fixtures).
pub fn crate_modules(root: &Path) -> Vec<Module> {
    let mut out = Vec::new();
    let mut todo = vec![(Vec::<String>::new(), root.to_path_buf())];
    while let Some((path, file)) = todo.pop() {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        let code = code_of(&text);
        // A crate root and a mod.rs keep their children beside them; x.rs keeps them in x/.
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let dir = if path.is_empty() || stem == "mod" {
            file.parent().unwrap().to_path_buf()
        } else {
            file.with_extension("")
        };
        for child in declared_modules(&code) {
            let flat = dir.join(format!("{child}.rs"));
            let nested = dir.join(&child).join("mod.rs");
            let child_file = if flat.exists() { flat } else { nested };
            assert!(
                child_file.exists(),
                "{} declares mod {child}, whose file is not found",
                file.display()
            );
            let mut child_path = path.clone();
            child_path.push(child);
            todo.push((child_path, child_file));
        }
        out.push(Module { path, file, code });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The names of `mod x;` declarations (modules in files of their own).
fn declared_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("mod ") {
        if at > 0 && is_ident(code[..at].chars().next_back().unwrap()) {
            continue;
        }
        let rest = code[at + 4..].trim_start();
        let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
        if !name.is_empty() && rest[name.len()..].trim_start().starts_with(';') {
            out.push(name);
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The code of a source file with comments, string and character literals, and every item under
/// `#[cfg(test)]` (or `#[cfg(all(test, ...))]`) replaced by spaces; newlines stay, so a position
/// keeps its line number.
pub fn code_of(text: &str) -> String {
    blank_test_items(&blank_comments_and_literals(text))
}

fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_ident = i > 0 && is_ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            // Block comments nest.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && !prev_ident && {
            let j = if c == 'b' { i + 2 } else { i + 1 };
            let hashes = chars[j..].iter().take_while(|c| **c == '#').count();
            chars.get(j + hashes) == Some(&'"')
        } {
            // A raw string: r"...", r#"..."#, br"...".
            let j = if c == 'b' { i + 2 } else { i + 1 };
            let hashes = chars[j..].iter().take_while(|c| **c == '#').count();
            let end = j + hashes + 1;
            let mut k = end;
            while k < chars.len() {
                if chars[k] == '"'
                    && chars[k + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|c| **c == '#')
                        .count()
                        == hashes
                {
                    break;
                }
                k += 1;
            }
            let stop = (k + 1 + hashes).min(chars.len());
            for &ch in &chars[i..stop] {
                blank(&mut out, ch);
            }
            i = stop;
        } else if c == '"' {
            blank(&mut out, c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            if i < chars.len() {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '\'' && next == Some('\\') {
            // An escaped character literal: '\n', '\'', '\u{e9}'.
            blank(&mut out, c);
            i += 2;
            out.push(' ');
            while i < chars.len() && chars[i] != '\'' {
                blank(&mut out, chars[i]);
                i += 1;
            }
            if i < chars.len() {
                out.push(' ');
                i += 1;
            }
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            // A character literal: 'x', '{'. Otherwise `'` starts a lifetime, kept.
            out.push_str("   ");
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn blank_test_items(code: &str) -> String {
    let mut bytes = code.as_bytes().to_vec();
    let mut from = 0;
    while let Some(found) = ["#[cfg(test)]", "#[cfg(all(test"]
        .iter()
        .filter_map(|attr| code[from..].find(attr).map(|at| from + at))
        .min()
    {
        // The item ends at its first `;` or at the brace matching its first `{`.
        let mut depth = 0usize;
        let mut end = code.len();
        let mut opened = false;
        let attr_end = found + code[found..].find(']').unwrap() + 1;
        for (k, b) in code.as_bytes().iter().enumerate().skip(attr_end) {
            match b {
                b';' if !opened => {
                    end = k + 1;
                    break;
                }
                b'{' => {
                    opened = true;
                    depth += 1;
                }
                b'}' if opened => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        for b in &mut bytes[found..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = end;
    }
    // Only ASCII bytes outside literals were replaced, by ASCII: still UTF-8.
    String::from_utf8(bytes).expect("blanking keeps UTF-8")
}

/// A module path named in a file, and the line naming it (1-based).
pub struct Reference {
    pub line: usize,
    /// Resolved from the crate root; not yet cut to a module (`["store", "meta", "names"]`).
    pub path: Vec<String>,
}

/// The crate paths `module`'s code names: `use` trees (`use super::{meta, StoreError}` names two)
/// and paths written inline (`super::key_files::AUDIT_KEY_FILE`). Paths to other crates, and
/// `use` of a module's own children by their bare name, are not references.
pub fn references(module: &Module) -> Vec<Reference> {
    let code = &module.code;
    let mut out = Vec::new();
    let mut use_spans = Vec::new();
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    for (at, _) in code.match_indices("use ") {
        if at > 0 && is_ident(code[..at].chars().next_back().unwrap()) {
            continue;
        }
        let Some(len) = code[at..].find(';') else {
            continue;
        };
        use_spans.push(at..at + len);
        // `a::b as c` keeps its `as` (as `@`) once the blanks go.
        let words: Vec<&str> = code[at + 4..at + len].split_whitespace().collect();
        let tree = words.join(" ").replace(" as ", "@").replace(' ', "");
        for path in expand_use_tree(&tree) {
            if let Some(path) = resolve(&module.path, &path) {
                out.push(Reference {
                    line: line_of(at),
                    path,
                });
            }
        }
    }
    for start in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(start) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| is_ident(c) || c == ':')
                || use_spans.iter().any(|span| span.contains(&at))
            {
                continue;
            }
            let path: Vec<String> = code[at..]
                .split(|c: char| !(is_ident(c) || c == ':'))
                .next()
                .unwrap()
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            if let Some(path) = resolve(&module.path, &path) {
                out.push(Reference {
                    line: line_of(at),
                    path,
                });
            }
        }
    }
    out
}

/// `a::{b, c::{d, e}}` as `[a, b]`, `[a, c, d]`, `[a, c, e]`; `self` in a group names the
/// group's prefix; `as` renames and `*` globs end a path.
fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    expand_into(&[], tree, &mut out);
    out
}

fn expand_into(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    match tree.find('{') {
        Some(open) if tree.ends_with('}') => {
            let mut base = prefix.to_vec();
            base.extend(segments(tree[..open].trim_end_matches("::")));
            for part in split_top_level(&tree[open + 1..tree.len() - 1]) {
                if part == "self" {
                    out.push(base.clone());
                } else if !part.is_empty() {
                    expand_into(&base, part, out);
                }
            }
        }
        _ => {
            let mut path = prefix.to_vec();
            path.extend(segments(tree.split('@').next().unwrap_or(tree)));
            out.push(path);
        }
    }
}

fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .filter(|s| !s.is_empty() && *s != "*")
        .map(|s| s.trim_start_matches('$').to_owned())
        .collect()
}

/// The parts of a `use` group, split at its top-level commas.
fn split_top_level(group: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&group[start..]);
    parts
}

/// A path as seen from `module`, from the crate root; `None` for another crate's path or a
/// child named by its bare name.
fn resolve(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let first = path.first()?.trim_start_matches('$');
    let mut base = match first {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => module.to_vec(),
        _ => return None,
    };
    let mut rest = &path[1..];
    if first == "super" {
        base.pop();
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

#[test]
fn comments_literals_and_test_items_are_blanked_and_lines_kept() {
    let text = "use crate::a; // crate::b\nlet s = \"crate::c\"; let c = '{';\n\
                #[cfg(test)]\nmod tests { use crate::d; fn f() { } }\nuse super::{e, f::{g, self}};\n";
    let code = code_of(text);
    assert_eq!(code.lines().count(), text.lines().count());
    assert!(!code.contains("crate::b") && !code.contains("crate::c") && !code.contains("crate::d"));
    let module = Module {
        path: vec!["x".into(), "y".into()],
        file: PathBuf::new(),
        code,
    };
    let found: Vec<(usize, String)> = references(&module)
        .into_iter()
        .map(|r| (r.line, r.path.join("::")))
        .collect();
    assert_eq!(
        found,
        [
            (1, "a".to_owned()),
            (5, "x::e".to_owned()),
            (5, "x::f::g".to_owned()),
            (5, "x::f".to_owned())
        ]
    );
}
