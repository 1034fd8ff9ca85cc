//! 本期目录: the masthead line, the TOC as it will print, sections with numbered items,
//! and the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, scroll_to};
use crate::model::TocMode;
use crate::tui::app::{App, Areas, Focus, Row};
use crate::tui::fit::{cells, fit, pad};

pub fn draw(f: &mut Frame, app: &App, area: Rect, areas: &mut Areas) {
    let u = app.ui();
    let t = &app.theme;
    let focused = app.focus == Focus::Outline;
    let issue = app.session.issue();
    let b = block(app, &format!(" {} · {} ", u.outline, issue.publication.title), focused);
    let inner = b.inner(area);
    f.render_widget(b, area);
    areas.outline = area;
    areas.outline_list = inner;
    let width = inner.width as usize;

    // Every display line with the row it selects (None: not selectable).
    let mut lines: Vec<(Option<Row>, Vec<Span<'static>>, Style)> = Vec::new();
    let n = issue.numbering;
    let masthead = format!("{} 总第{}期 {}", n.year_and_number(), n.total, n.date.chinese());
    lines.push((Some(Row::Masthead), vec![Span::raw(masthead)], t.masthead));
    let toc = issue.toc_entries();
    if !toc.is_empty() {
        lines.push((None, vec![Span::raw(issue.publication.toc_heading.clone())], t.toc));
        for e in &toc {
            lines.push((
                None,
                vec![Span::raw(format!("{}　{}", issue.publication.toc_bullet, e.title))],
                t.dim,
            ));
        }
    }
    for (s, section) in issue.sections.iter().enumerate() {
        let title = if section.bare_title().is_empty() {
            u.lead_section.to_string()
        } else {
            format!("【{}】", section.bare_title())
        };
        let mode = match section.toc {
            TocMode::Items => u.toc_items,
            TocMode::Section => u.toc_section,
            TocMode::None => u.toc_none,
        };
        let mut spans = vec![Span::raw(title), Span::styled(format!("  {mode}"), t.dim)];
        if section.items.is_empty() {
            spans.push(Span::styled(format!("  {}", u.empty_section), t.dim));
        }
        lines.push((Some(Row::Section(s)), spans, t.section));
        let mut column = "";
        for (i, item) in section.items.iter().enumerate() {
            let c = item.column.trim();
            if c != column && !c.is_empty() {
                lines.push((None, vec![Span::raw(format!("  〔{c}〕"))], t.column));
            }
            column = c;
            // Made when drawn (`item_line`): only the rows on screen cost anything.
            lines.push((Some(Row::Item(crate::model::ItemPos::new(s, i))), Vec::new(), Style::default()));
        }
    }
    let footer = &issue.footer;
    let mut summary = vec![u.footer_title.to_string()];
    for (label, value) in [(u.f_editor, &footer.editor), (u.f_reviewer, &footer.reviewer)] {
        if !value.is_empty() {
            summary.push(format!("{label} {value}"));
        }
    }
    let groups: Vec<&str> = footer.distribution.iter().map(|d| d.label.as_str()).collect();
    if !groups.is_empty() {
        summary.push(groups.join("、"));
    }
    let summary = summary.join(" · ");
    lines.push((Some(Row::Footer), vec![Span::raw(summary)], t.dim));

    let selected = lines.iter().position(|(r, _, _)| *r == Some(app.outline_sel)).unwrap_or(0);
    let height = inner.height as usize;
    let offset = scroll_to(app.outline_offset.get(), selected, height, lines.len());
    app.outline_offset.set(offset);
    let mut hits = Vec::with_capacity(height);
    let mut out = Vec::with_capacity(height);
    for (k, (row, spans, style)) in lines.into_iter().enumerate().skip(offset).take(height) {
        hits.push(row);
        let (spans, style) = match row {
            Some(Row::Item(pos)) if spans.is_empty() => item_line(app, pos, width),
            _ => (spans, style),
        };
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        let line = if k == selected {
            let sel = if focused { t.selected } else { t.selected_unfocused };
            Line::from(Span::styled(pad(&text, width), sel))
        } else {
            let mut fitted = Vec::new();
            let mut used = 0;
            for span in spans {
                let room = width.saturating_sub(used);
                let content = fit(&span.content, room);
                used += cells(&content);
                let st = if span.style == Style::default() { style } else { span.style };
                fitted.push(Span::styled(content, st));
            }
            Line::from(fitted)
        };
        out.push(line);
    }
    *app.outline_hits.borrow_mut() = hits;
    f.render_widget(Paragraph::new(out), inner);
}

/// The row of the item at `pos`: its number in the issue, headline, a mark when the TOC
/// leaves it out, and its 字数.
fn item_line(app: &App, pos: crate::model::ItemPos, width: usize) -> (Vec<Span<'static>>, Style) {
    let (u, t) = (app.ui(), &app.theme);
    let issue = app.session.issue();
    let section = &issue.sections[pos.section];
    let item = &section.items[pos.index];
    let number = issue.sections[..pos.section].iter().map(|s| s.items.len()).sum::<usize>() + pos.index + 1;
    let count = format!("{}{}", item.zi_count(), u.zi);
    // Only an item the TOC leaves out on its own is marked; a section listed by title (or
    // not at all) says so on its own row.
    let left_out = section.toc == TocMode::Items && !item.in_toc;
    let marks = if left_out { format!(" ○{}", u.not_in_toc) } else { String::new() };
    let head = format!("{number:>3} ");
    let room = width.saturating_sub(cells(&head) + cells(&count) + 1);
    let marks = fit(&marks, room / 2);
    let headline = pad(&item.headline_line(), room.saturating_sub(cells(&marks)));
    let style = if left_out { t.not_in_toc } else { t.text };
    let spans = vec![
        Span::styled(head, t.dim),
        Span::styled(headline, style),
        Span::styled(marks, t.not_in_toc),
        Span::styled(format!(" {count}"), t.dim),
    ];
    (spans, style)
}
