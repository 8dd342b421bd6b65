//! Where the words come from: a catalog is one Fluent file per language (`i18n/<lang>/*.ftl`,
//! compiled in), and a [`Msg`] is one message id in it. A translator edits the `.ftl` files
//! only. [`msg!`](crate::msg) refuses to compile when an id is missing from a language, and
//! [`Catalog::parity`] (run by each catalog's test) finds ids or placeholders that one language
//! has and another lacks.

use super::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Display;
use std::sync::Mutex;

/// The languages every catalog holds, the reference first.
const LANGS: [Lang; 2] = [Lang::Fr, Lang::En];

/// One catalog: the `.ftl` source of each language, parsed on first use.
pub struct Catalog {
    fr: &'static str,
    en: &'static str,
    bundles: fn() -> &'static Bundles,
}

/// The parsed catalog: one Fluent bundle per language.
pub struct Bundles {
    fr: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl Catalog {
    /// Use [`catalog!`](crate::catalog), which gives the parse-once function.
    pub const fn new(
        fr: &'static str,
        en: &'static str,
        bundles: fn() -> &'static Bundles,
    ) -> Self {
        Catalog { fr, en, bundles }
    }

    fn source(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }

    /// Whether every language defines a message `id` (a line `id =` at the start), for the
    /// compile-time check of [`msg!`](crate::msg).
    pub const fn defines(&self, id: &str) -> bool {
        defines(self.fr, id) && defines(self.en, id)
    }

    /// The message `id` with its placeholders filled, in `lang`; `None` when the catalog has
    /// no such id (an id made at run time, e.g. from a newer vault's code).
    pub fn format(
        &self,
        lang: Lang,
        id: &str,
        args: &[(&str, &dyn Display)],
    ) -> Option<Cow<'static, str>> {
        let bundle = (self.bundles)().get(lang);
        let pattern = bundle.get_message(id)?.value()?;
        let args = (!args.is_empty()).then(|| {
            let mut fluent = FluentArgs::new();
            for (name, value) in args {
                // Text, not numbers: Fluent would group a number's digits by locale.
                fluent.set(*name, FluentValue::from(value.to_string()));
            }
            fluent
        });
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args.as_ref(), &mut errors);
        debug_assert!(errors.is_empty(), "{id}: {errors:?}");
        Some(match text {
            Cow::Borrowed(text) => Cow::Borrowed(text),
            Cow::Owned(text) => Cow::Owned(text),
        })
    }

    /// What keeps the languages from matching: parse errors, ids only some languages define,
    /// and ids whose placeholders differ between languages. Empty when all is well. (`--help`
    /// ids are the exception: English has them in the code, see `help`.)
    pub fn parity(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut by_lang = Vec::new();
        for lang in LANGS {
            match fluent_syntax::parser::parse(self.source(lang)) {
                Ok(resource) => by_lang.push((lang, placeholders(&resource))),
                Err((_, errors)) => {
                    problems.push(format!("{lang:?}: {errors:?}"));
                    return problems;
                }
            }
        }
        let (first, reference) = &by_lang[0];
        for (lang, messages) in &by_lang[1..] {
            for (id, names) in reference {
                match messages.get(id) {
                    // English help is the commands' doc comments (see `help`).
                    None if *lang == Lang::En && super::help::is_help_id(id) => {}
                    None => problems.push(format!("{id}: in {first:?}, not in {lang:?}")),
                    Some(other) if other != names => problems.push(format!(
                        "{id}: placeholders {names:?} in {first:?}, {other:?} in {lang:?}"
                    )),
                    Some(_) => {}
                }
            }
            for id in messages.keys().filter(|id| !reference.contains_key(*id)) {
                problems.push(format!("{id}: in {lang:?}, not in {first:?}"));
            }
        }
        problems
    }
}

impl Bundles {
    /// Parses both sources; a syntax error leaves the rest of its file usable (the parity test
    /// reports it).
    pub fn parse(fr: &'static str, en: &'static str) -> Self {
        let bundle = |lang: &str, source: &str| {
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
            let mut bundle =
                FluentBundle::new_concurrent(vec![lang.parse().expect("language tag")]);
            // No Unicode isolation marks around placeholders: terminals and logs show them.
            bundle.set_use_isolating(false);
            // A duplicate id keeps its first text; the parity test catches it.
            let _ = bundle.add_resource(resource);
            bundle
        };
        Bundles {
            fr: bundle("fr", fr),
            en: bundle("en", en),
        }
    }

    fn get(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// Each message id of `resource` with the names of the variables it uses.
fn placeholders(resource: &ast::Resource<&str>) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut names = BTreeSet::new();
            if let Some(value) = &message.value {
                pattern_names(value, &mut names);
            }
            out.insert(message.id.name.to_owned(), names);
        }
    }
    out
}

fn pattern_names(pattern: &ast::Pattern<&str>, names: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_names(expression, names);
        }
    }
}

fn expression_names(expression: &ast::Expression<&str>, names: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_names(inline, names),
        ast::Expression::Select { selector, variants } => {
            inline_names(selector, names);
            for variant in variants {
                pattern_names(&variant.value, names);
            }
        }
    }
}

fn inline_names(inline: &ast::InlineExpression<&str>, names: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            names.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_names(expression, names),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_names(argument, names);
            }
            for argument in &arguments.named {
                inline_names(&argument.value, names);
            }
        }
        _ => {}
    }
}

/// Whether `source` has a line that starts with `id` then spaces then `=` (a message
/// definition), byte by byte so that it runs at compile time.
const fn defines(source: &str, id: &str) -> bool {
    let (source, id) = (source.as_bytes(), id.as_bytes());
    let mut line = 0;
    while line < source.len() {
        let mut i = 0;
        while i < id.len() && line + i < source.len() && source[line + i] == id[i] {
            i += 1;
        }
        if i == id.len() {
            let mut at = line + i;
            while at < source.len() && source[at] == b' ' {
                at += 1;
            }
            if at < source.len() && source[at] == b'=' {
                return true;
            }
        }
        while line < source.len() && source[line] != b'\n' {
            line += 1;
        }
        line += 1;
    }
    false
}

/// One message of a catalog: its id, filled in the reader's language.
#[derive(Clone, Copy)]
pub struct Msg {
    catalog: &'static Catalog,
    id: &'static str,
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Msg").field(&self.id).finish()
    }
}

impl PartialEq for Msg {
    /// The same id of the same catalog. A catalog is a `const`, so each use may be its own
    /// copy at its own address: the same catalog is the same sources (compared by address
    /// first, by content only when the addresses differ).
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.catalog, other.catalog);
        self.id == other.id
            && (std::ptr::eq(a, b)
                || (std::ptr::eq(a.fr, b.fr) || a.fr == b.fr)
                    && (std::ptr::eq(a.en, b.en) || a.en == b.en))
    }
}

impl Msg {
    /// Use [`msg!`](crate::msg), which checks at compile time that every language has `id`.
    pub const fn new(catalog: &'static Catalog, id: &'static str) -> Self {
        Msg { catalog, id }
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message without placeholders.
    pub fn text(&self, lang: Lang) -> &'static str {
        match self.catalog.format(lang, self.id, &[]) {
            Some(Cow::Borrowed(text)) => text,
            Some(Cow::Owned(text)) => self.keep(lang, text),
            None => self.id,
        }
    }

    /// A text Fluent had to assemble (a message on several lines), kept for the process's
    /// life so that [`Msg::text`] lends it like the others: once per message and language,
    /// so the memory is bounded by the catalogs' size.
    fn keep(&self, lang: Lang, text: String) -> &'static str {
        type Kept = HashMap<(usize, &'static str, Lang), &'static str>;
        static KEPT: Mutex<Option<Kept>> = Mutex::new(None);
        let key = (std::ptr::from_ref(self.catalog) as usize, self.id, lang);
        let mut kept = KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.get_or_insert_with(HashMap::new)
            .entry(key)
            .or_insert_with(|| Box::leak(text.into_boxed_str()))
    }

    /// The message with each `{ $name }` replaced by its value.
    pub fn fill(&self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        self.catalog
            .format(lang, self.id, args)
            .map(Cow::into_owned)
            .unwrap_or_else(|| self.id.to_owned())
    }
}

/// Declares a catalog constant from one `.ftl` source per language:
/// `catalog!(CATALOG, fr: include_str!("…/fr/x.ftl"), en: include_str!("…/en/x.ftl"));`.
#[macro_export]
macro_rules! catalog {
    ($(#[$doc:meta])* $vis:vis $name:ident, fr: $fr:expr, en: $en:expr) => {
        $(#[$doc])*
        $vis const $name: $crate::i18n::Catalog = {
            fn bundles() -> &'static $crate::i18n::Bundles {
                static BUNDLES: ::std::sync::OnceLock<$crate::i18n::Bundles> =
                    ::std::sync::OnceLock::new();
                BUNDLES.get_or_init(|| $crate::i18n::Bundles::parse($fr, $en))
            }
            $crate::i18n::Catalog::new($fr, $en, bundles)
        };
    };
}

/// Declares a message constant: `msg!(CATALOG, NAME = "message-id");`. It does not compile
/// unless every language file of the catalog defines `message-id`.
#[macro_export]
macro_rules! msg {
    ($catalog:path, $name:ident = $id:literal) => {
        pub const $name: $crate::i18n::Msg = $crate::i18n::Msg::new(&$catalog, $id);
        const _: () = assert!(
            $catalog.defines($id),
            concat!("message `", $id, "` is missing from a language file")
        );
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_equals_itself_wherever_its_catalog_constant_was_copied() {
        // Two uses of the catalog `const`, two copies: still the same message.
        let here = Msg::new(&crate::i18n::VAULTD, "reason-sealed");
        assert_eq!(here, crate::i18n::reasons::SEALED);
        assert_ne!(here, Msg::new(&crate::i18n::VAULTD, "reason-not-enrolled"));
    }

    #[test]
    fn an_id_is_found_only_as_a_whole_definition() {
        let source = "# about-x = no\nabout = À propos\nabout-x =\n    bloc\nlong = { $about }\n";
        assert!(defines(source, "about"));
        assert!(defines(source, "about-x"));
        assert!(defines(source, "long"));
        assert!(!defines(source, "abou"));
        assert!(!defines(source, "bloc"));
        assert!(!defines(source, "x"));
    }

    #[test]
    fn parity_names_missing_ids_and_placeholders() {
        const CATALOG: Catalog = Catalog::new(
            "a = un { $n }\nb = deux\n",
            "a = one { $m }\nc = three\n",
            || unreachable!(),
        );
        let problems = CATALOG.parity();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("a: placeholders"), "{problems:?}");
        assert!(
            problems[1].starts_with("b: in Fr, not in En"),
            "{problems:?}"
        );
        assert!(
            problems[2].starts_with("c: in En, not in Fr"),
            "{problems:?}"
        );
    }
}
