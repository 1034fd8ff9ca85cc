//! Writing model files as TOML a person can read and diff: keys in the order of the
//! specification, the body as a multi-line string with one paragraph a line.

use std::fmt::Write as _;

use crate::model::{Date, Footer, Issue, Item, Layout, Print, Profile, Publication, Section};

/// A TOML basic string: `"…"` with `\`, `"` and control characters escaped.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string: `"""` newline, the text, `"""`. Newlines stay as they
/// are; quotes, backslashes and other control characters are escaped.
pub fn multiline_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("\"\"\"\n");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

fn string_array(values: &[String]) -> String {
    let parts: Vec<String> = values.iter().map(|v| basic_string(v)).collect();
    format!("[{}]", parts.join(", "))
}

/// An array with one value a line, for long lists such as recipients.
fn string_array_lines(values: &[String]) -> String {
    if values.is_empty() {
        return "[]".to_string();
    }
    let mut out = String::from("[\n");
    for v in values {
        let _ = writeln!(out, "    {},", basic_string(v));
    }
    out.push(']');
    out
}

struct Out(String);

impl Out {
    fn table(&mut self, header: &str) {
        let _ = write!(self.0, "\n{header}\n");
    }
    fn str(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {}", basic_string(value));
    }
    fn raw(&mut self, key: &str, value: impl std::fmt::Display) {
        let _ = writeln!(self.0, "{key} = {value}");
    }
    fn date(&mut self, key: &str, value: Option<Date>) {
        if let Some(d) = value {
            self.raw(key, d);
        }
    }
}

fn publication(out: &mut Out, p: &Publication) {
    out.table("[publication]");
    out.str("title", &p.title);
    out.str("publisher", &p.publisher);
    out.str("toc_heading", &p.toc_heading);
    out.str("toc_bullet", &p.toc_bullet);
}

fn layout(out: &mut Out, l: &Layout) {
    out.table("[layout]");
    out.raw("width", l.width);
    out.raw("lines_per_page", l.lines_per_page);
    out.str("headline_style", l.headline_style.as_str());
    out.str("source_placement", l.source_placement.as_str());
    out.str("source_separator", &l.source_separator);
}

fn footer(out: &mut Out, f: &Footer) {
    out.table("[footer]");
    out.str("email", &f.email);
    out.str("editor", &f.editor);
    out.str("reviewer", &f.reviewer);
    out.raw("copies", f.copies);
    for d in &f.distribution {
        out.table("[[footer.distribution]]");
        out.str("label", &d.label);
        out.raw("recipients", string_array_lines(&d.recipients));
    }
}

/// `[print]` and `[print.fonts]`, with only what differs from the defaults (nothing at all
/// for the default page).
fn print(out: &mut Out, p: &Print) {
    let (values, fonts) = p.changed();
    if !values.is_empty() {
        out.table("[print]");
        for (key, value) in values {
            out.raw(key, value);
        }
    }
    if !fonts.is_empty() {
        out.table("[print.fonts]");
        for (key, value) in fonts {
            out.str(key, &value);
        }
    }
}

fn item_fields(out: &mut Out, item: &Item) {
    out.str("id", &item.id);
    out.str("headline", &item.headline);
    out.str("toc_title", &item.toc_title);
    out.raw("in_toc", item.in_toc);
    out.str("column", &item.column);
    out.raw("sources", string_array(&item.sources));
    out.date("received", item.received);
    out.raw("body", multiline_string(&item.body));
    out.str("notes", &item.notes);
    if !item.origin.is_empty() {
        out.str("origin", &item.origin);
    }
}

fn section(out: &mut Out, s: &Section) {
    out.table("[[sections]]");
    out.str("title", &s.title);
    out.str("toc", s.toc.as_str());
    for item in &s.items {
        out.table("[[sections.items]]");
        item_fields(out, item);
    }
}

/// The text of an issue file.
pub fn issue_toml(issue: &Issue) -> String {
    let mut out = Out(format!("format = {}\n", issue.format));
    publication(&mut out, &issue.publication);
    layout(&mut out, &issue.layout);
    out.table("[issue]");
    out.raw("year", issue.numbering.year);
    out.raw("number", issue.numbering.number);
    out.raw("total", issue.numbering.total);
    out.raw("date", issue.numbering.date);
    for s in &issue.sections {
        section(&mut out, s);
    }
    footer(&mut out, &issue.footer);
    print(&mut out, &issue.print);
    out.0
}

/// The text of a pool file.
pub fn pool_item_toml(item: &Item) -> String {
    let mut out = Out(format!("format = {}\n", crate::model::FORMAT));
    out.table("[item]");
    item_fields(&mut out, item);
    out.0
}

/// The text of `jianbao.toml`.
pub fn profile_toml(profile: &Profile) -> String {
    let mut out = Out(format!("format = {}\n", profile.format));
    publication(&mut out, &profile.publication);
    layout(&mut out, &profile.layout);
    footer(&mut out, &profile.footer);
    print(&mut out, &profile.print);
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PoolFile;
    use proptest::prelude::*;

    #[test]
    fn basic_strings_escape_what_toml_needs() {
        assert_eq!(basic_string("a\"b\\c\nd\u{7}"), "\"a\\\"b\\\\c\\nd\\u0007\"");
    }

    proptest! {
        #[test]
        fn any_item_round_trips(
            headline in "\\PC{0,20}(\n\\PC{0,20})?",
            body in "(\\PC{0,40}\n?){0,5}",
            notes in ".{0,10}",
            sources in proptest::collection::vec("\\PC{0,8}", 0..3),
        ) {
            let mut item = Item::new("x-1", headline);
            item.body = body;
            item.notes = notes;
            item.sources = sources;
            item.received = Date::new(2026, 11, 22);
            item.origin = "江州/来稿.docx".into();
            let text = pool_item_toml(&item);
            let back: PoolFile = toml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(back.item, item);
        }
    }
}
