//! The HTML review report as a reader sees it: columns that keep times, numbers, ids and names
//! whole, each section title once, timelines spanning the period's activity, an idle account
//! as one line, tables in time order; rendered by headless Chromium at 1280 px and printed to
//! PDF (docs/report.png and docs/report.pdf are one run's, with VAULT_REPORT_SCREENSHOT and
//! VAULT_REPORT_PDF naming where to write them).

use crate::harness::*;
use crate::report::{chromium, grant_id, report};
use std::path::PathBuf;

/// A morning on the dev vault: releases on three accounts interleaved, two grants revoked in
/// the reverse of the order they were issued, refusals, a refused request; flickr-cest and
/// linkedin-cest see no release, grant or refusal.
struct Morning {
    daemon: Daemon,
    export: PathBuf,
    key: String,
    /// The two revoked grants' short ids, in the order they were revoked.
    revoked: [String; 2],
}

/// Spreads the morning over half a minute when the pictures for docs/ are made, so that its
/// times read as a morning's do; otherwise the test goes at full speed.
fn pace() {
    if std::env::var_os("VAULT_REPORT_SCREENSHOT").is_some() {
        std::thread::sleep(std::time::Duration::from_secs(3));
    }
}

fn a_morning() -> Morning {
    let d = Daemon::dev();
    let (admin, admin2, authority, auditor) = (
        d.identity("admin"),
        d.identity("admin2"),
        d.identity("authority"),
        d.identity("auditor"),
    );
    let request = grant_id(
        &cli(
            &admin,
            &[
                "--json",
                "grant",
                "request",
                "facebook-cest",
                "--purpose",
                // A long word (a link) in a purpose: it may break, the page does not widen.
                "Campagne d'automne https://www.facebook.com/commission.example/posts/1234567890",
                "--for",
                "8h",
            ],
        )
        .ok(),
    );
    pace();
    cli(&authority, &["grant", "approve", &request, "--yes"]).ok();
    pace();
    cli(&admin, &["credential", "get", "facebook-cest"]).ok();
    let issue = |account: &str, purpose: &str| {
        grant_id(
            &cli(
                &authority,
                &[
                    "--json",
                    "grant",
                    "issue",
                    "--to",
                    "admin2",
                    "--account",
                    account,
                    "--purpose",
                    purpose,
                    "--for",
                    "2h",
                ],
            )
            .ok(),
        )
    };
    let youtube = issue("youtube-cest", "Vidéo du rapport annuel");
    let x = issue("x-cest", "Publication de l'avis public");
    pace();
    cli(&admin2, &["credential", "get", "youtube-cest"]).ok();
    pace();
    cli(
        &admin,
        &["credential", "get", "facebook-cest", "--field", "login"],
    )
    .ok();
    pace();
    cli(&admin2, &["credential", "get", "x-cest"]).ok();
    pace();
    let denied = cli(&admin2, &["credential", "get", "facebook-cest"]);
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    pace();
    // Revoked in the reverse of the order they were issued.
    cli(
        &authority,
        &["grant", "revoke", &x, "--reason", "Avis publié"],
    )
    .ok();
    cli(
        &authority,
        &["grant", "revoke", &youtube, "--reason", "Mandat terminé"],
    )
    .ok();
    pace();
    let denied = cli(&admin2, &["credential", "get", "youtube-cest"]);
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    pace();
    let refused = grant_id(
        &cli(
            &admin,
            &[
                "--json",
                "grant",
                "request",
                "linkedin-cest",
                "--purpose",
                "Offre d'emploi",
                "--for",
                "1h",
            ],
        )
        .ok(),
    );
    cli(
        &authority,
        &[
            "grant",
            "deny",
            &refused,
            "--reason",
            "Passer par les communications",
        ],
    )
    .ok();
    pace();
    cli(
        &admin,
        &["credential", "get", "facebook-cest", "--field", "totp"],
    )
    .ok();
    let export = d.dir.path().join("export");
    cli(
        &auditor,
        &["audit", "export", "--out", export.to_str().unwrap()],
    )
    .ok();
    let key = cli(&auditor, &["audit", "key"])
        .ok()
        .stdout
        .trim()
        .to_owned();
    Morning {
        daemon: d,
        export,
        key,
        revoked: [x[..12].to_owned(), youtube[..12].to_owned()],
    }
}

/// One table of the page as a reader reads it: its section, caption, headings and rows, each
/// cell's class (what the style sheet keeps whole) with its text (markup removed).
#[derive(Debug)]
struct PageTable {
    section: String,
    caption: Option<String>,
    head: Vec<(String, String)>,
    rows: Vec<Vec<(String, String)>>,
}

impl PageTable {
    /// The cells of the columns of class `class`, row by row.
    fn column(&self, class: &str) -> Vec<&str> {
        self.rows
            .iter()
            .flat_map(|r| r.iter().filter(|(c, _)| c == class))
            .map(|(_, t)| t.as_str())
            .collect()
    }

    /// The cells of the first column of class `class`.
    fn first_column(&self, class: &str) -> Vec<&str> {
        let Some(at) = self.head.iter().position(|(c, _)| c == class) else {
            return Vec::new();
        };
        self.rows.iter().map(|r| r[at].1.as_str()).collect()
    }
}

/// Text without markup, entities read back.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `text` between `open` (its end) and the next `close`.
fn between<'t>(text: &'t str, open: &str, close: &str) -> Option<&'t str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

/// Each `<tag class="C">…</tag>` in `html`, as (C, inner HTML).
fn classed<'h>(html: &'h str, tag: &str) -> Vec<(String, &'h str)> {
    let open = format!("<{tag} ");
    let close = format!("</{tag}>");
    html.split(&open)
        .skip(1)
        .map(|part| {
            let class = between(part, "class=\"", "\"")
                .unwrap_or_default()
                .to_owned();
            let inner = &part[part.find('>').unwrap() + 1..part.find(&close).unwrap()];
            (class, inner)
        })
        .collect()
}

/// The tables with column headings, section by section.
fn page_tables(html: &str) -> Vec<PageTable> {
    let mut tables = Vec::new();
    for section in html.split("<section id=\"").skip(1) {
        let id = section[..section.find('"').unwrap()].to_owned();
        for table in section.split("<table").skip(1) {
            let table = &table[..table.find("</table>").unwrap()];
            // The summary's table has headings by row, no columns.
            let Some(head) = between(table, "<thead>", "</thead>") else {
                continue;
            };
            let body = between(table, "<tbody>", "</tbody>").unwrap();
            tables.push(PageTable {
                section: id.clone(),
                caption: between(table, "<caption>", "</caption>").map(text_of),
                head: classed(head, "th")
                    .into_iter()
                    .map(|(c, t)| (c, text_of(t)))
                    .collect(),
                rows: body
                    .split("<tr")
                    .skip(1)
                    .map(|row| {
                        classed(row, "td")
                            .into_iter()
                            .map(|(c, t)| (c, text_of(t)))
                            .collect()
                    })
                    .collect(),
            });
        }
    }
    tables
}

/// The report of the morning in `lang`, with `extra` options, as HTML.
fn html_report(m: &Morning, lang: &str, name: &str, extra: &[&str]) -> (PathBuf, String) {
    let page = m.daemon.dir.path().join(name);
    let mut args = vec!["--format", "html", "--out", page.to_str().unwrap()];
    args.extend_from_slice(extra);
    report(&m.export, &m.key, &args, lang).ok();
    let html = std::fs::read_to_string(&page).unwrap();
    (page, html)
}

/// What holds in either language: the layout rules a reader would notice broken.
fn check_layout(html: &str, idle_line: &str) {
    let tables = page_tables(html);
    assert!(tables.len() >= 8, "{tables:#?}");

    // No cell lets a word be cut anywhere (that cut names and ids mid-word, headings too).
    let style = between(html, "<style>", "</style>").unwrap();
    for rule in style.lines().filter(|l| l.contains("anywhere")) {
        assert!(rule.starts_with("dl.facts"), "{rule}");
    }
    let nowrap = style
        .lines()
        .find(|l| l.contains("white-space: nowrap"))
        .expect("a rule keeps cells whole");
    for selector in [
        ".num",
        ".id",
        "td.time",
        "td.name > span",
        "td.names > span",
    ] {
        assert!(nowrap.contains(selector), "{selector} kept whole: {nowrap}");
    }
    for t in &tables {
        for (class, heading) in &t.head {
            // Numbers, times, ids: every cell of the column carries the class that keeps it
            // whole, and holds what the class says.
            let at = t.head.iter().position(|(_, h)| h == heading).unwrap();
            for row in &t.rows {
                let (cell_class, cell) = &row[at];
                assert_eq!(cell_class, class, "{heading} in {:?}", t.caption);
                match class.as_str() {
                    "num" => assert!(
                        cell.chars().all(|c| c.is_ascii_digit()) && !cell.is_empty(),
                        "{heading}: {cell:?}"
                    ),
                    "id" => assert!(cell.is_empty() || cell.len() == 12, "{heading}: {cell:?}"),
                    "time" => assert!(cell.is_empty() || cell.len() == 19, "{heading}: {cell:?}"),
                    _ => {}
                }
            }
        }
        // The sequence numbers' and counts' headings are numbers' (right-aligned, whole).
        assert!(
            t.head.iter().any(|(c, _)| c == "time"),
            "{:?} has a time column",
            t.caption
        );
    }
    // Names are whole inside their spans, never bare text a hyphen may break.
    assert!(html.contains("<td class=\"name\"><span>facebook-cest</span></td>"));
    assert!(!html.contains("<td class=\"name\">facebook-cest"));
    // A long word in free text is in pieces that may break, not one that widens the page.
    assert!(
        html.contains("https://<wbr>www.facebook.<wbr>com/"),
        "the link breaks in pieces"
    );

    // Each section title once: headings differ, no caption repeats a heading, and a table
    // that is its whole section is named by the heading.
    let headings: Vec<String> = html
        .split("<h2")
        .skip(1)
        .map(|h| text_of(&h[h.find('>').unwrap() + 1..h.find("</h2>").unwrap()]))
        .collect();
    let mut distinct = headings.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), headings.len(), "{headings:?}");
    for t in &tables {
        if let Some(caption) = &t.caption {
            assert!(!headings.contains(caption), "{caption} said twice");
        }
    }
    for section in ["off-hours", "denials", "admin"] {
        let t = tables.iter().find(|t| t.section == section).unwrap();
        assert_eq!(t.caption, None, "{section}");
        assert!(html.contains(&format!("aria-labelledby=\"h-{section}\">")));
    }

    // Tables in time order: each one's first time column never goes back.
    for t in &tables {
        let times = t.first_column("time");
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "{:?} in {}: {times:?}",
            t.caption,
            t.section
        );
    }

    // An account without activity: one line saying so, no empty drawing.
    let idle = between(
        html,
        "<p class=\"idle\" data-account=\"flickr-cest\">",
        "</p>",
    )
    .expect("flickr-cest's one line");
    assert_eq!(text_of(idle), format!("flickr-cest — {idle_line}"));
    assert!(!html.contains("<figure class=\"account\" data-account=\"flickr-cest\""));
    let figures = html.matches("<figure class=\"account\"").count();
    assert_eq!(figures, 3, "facebook, youtube and x have timelines");
    assert_eq!(html.matches("<svg class=\"timeline\"").count(), figures);

    // The timelines span the activity: from no later than the first release to the last
    // thing drawn (here the last release), not to the end of a grant hours away.
    let releases: Vec<&str> = tables
        .iter()
        .filter(|t| t.section == "releases")
        .flat_map(|t| t.first_column("time"))
        .collect();
    let denials = tables
        .iter()
        .find(|t| t.section == "denials")
        .unwrap()
        .first_column("time");
    let last = releases.iter().chain(&denials).max().unwrap();
    let first = releases.iter().chain(&denials).min().unwrap();
    let label = |svg: &str, class: &str| -> String {
        let text = between(svg, &format!("<text class=\"{class}\""), "</text>").unwrap();
        text_of(&text[text.find('>').unwrap() + 1..])
    };
    for svg in html.split("<svg class=\"timeline\"").skip(1) {
        let (start, end) = (label(svg, "start"), label(svg, "end"));
        assert_eq!(end, *last, "the timeline ends at the last activity");
        assert!(
            start.as_str() <= *first,
            "{start} after the first release {first}"
        );
    }
}

#[test]
fn the_html_report_keeps_words_whole_says_each_title_once_and_follows_time_at_1280px_and_in_print()
{
    let m = a_morning();

    // French, the Commission's hours: the page the docs show.
    let (page, html) = html_report(&m, "fr_CA.UTF-8", "report.html", &[]);
    check_layout(
        &html,
        "aucune remise, autorisation ni refus dans la période",
    );
    assert!(html.contains("<h2 id=\"h-grants\">Autorisations et demandes</h2>"));
    assert!(html.contains("<caption>Autorisations délivrées</caption>"));

    // English, with business hours twelve hours from now (in UTC): every release is outside
    // them, and the off-hours table mixes accounts in the order they happened.
    let hour = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 3600
        % 24;
    let start = ((hour + 12) % 24).min(22);
    let hours = format!("mon-sun {start:02}:00-{:02}:00", start + 1);
    let (_, english) = html_report(
        &m,
        "en_CA.UTF-8",
        "report-en.html",
        &["--business-hours", &hours, "--time-zone", "UTC"],
    );
    check_layout(&english, "no release, grant or denial in the period");
    let tables = page_tables(&english);
    let off = tables.iter().find(|t| t.section == "off-hours").unwrap();
    let accounts = off.first_column("name");
    assert_eq!(
        accounts,
        [
            "facebook-cest",
            "youtube-cest",
            "facebook-cest",
            "x-cest",
            "facebook-cest"
        ],
        "{off:#?}"
    );
    let seqs: Vec<u64> = off
        .column("num")
        .iter()
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    // Revoked grants in the order they were revoked, not issued.
    let revoked = tables
        .iter()
        .find(|t| t.caption.as_deref() == Some("Grants revoked"))
        .unwrap();
    assert_eq!(revoked.first_column("id"), m.revoked, "{revoked:#?}");

    // As a reader sees it: at 1280 px, and printed.
    let shot = m.daemon.dir.path().join("report.png");
    let out = chromium(&page, 2400, &[format!("--screenshot={}", shot.display())]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains(":CONSOLE") && !stderr.contains("Refused to"),
        "{stderr}"
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
    let pdf = m.daemon.dir.path().join("report.pdf");
    chromium(
        &page,
        2400,
        &[
            "--no-pdf-header-footer".to_owned(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let printed = std::fs::read(&pdf).unwrap();
    assert!(printed.starts_with(b"%PDF") && printed.len() > 10_000);
    if let Ok(out) = std::env::var("VAULT_REPORT_SCREENSHOT") {
        std::fs::write(out, &png).unwrap();
    }
    if let Ok(out) = std::env::var("VAULT_REPORT_PDF") {
        std::fs::write(out, &printed).unwrap();
    }
}
