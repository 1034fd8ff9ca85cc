//! 稿件池: unplaced items, newest first — received date, headline, source, 字数; a filter
//! over headline, body and source.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{block, clean_input, moved, scroll_to};
use crate::model::history::{Loc, Op};
use crate::model::{Date, Item, ItemPos};
use crate::store::session::Session;
use crate::tui::action::{Action, Msg};
use crate::tui::cmd::{Cmd, Select, Step};
use crate::tui::fit::{cells, fit, pad, pad_left};
use crate::tui::layers::{Confirm, ConfirmKind, Cx, Layer};
use crate::tui::msg::Message;
use crate::tui::screen::inner;

#[derive(Debug, Default)]
pub struct PoolPane {
    /// The selection, in the filtered list.
    pub sel: usize,
    /// The first row shown.
    pub offset: usize,
    pub filter: String,
    /// Typing into the filter.
    pub filtering: bool,
    /// Pool indices shown, in order (the filter applied).
    view: Vec<usize>,
}

/// Where the pool's new item goes: newest first by received date, then id.
pub fn pool_slot(pool: &[Item], item: &Item) -> usize {
    pool.iter().position(|p| (p.received, &p.id) < (item.received, &item.id)).unwrap_or(pool.len())
}

fn item_matches(item: &Item, query: &str) -> bool {
    let hit = |s: &str| s.to_lowercase().contains(query);
    hit(&item.headline) || hit(&item.body) || item.sources.iter().any(|s| hit(s))
}

impl PoolPane {
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// The selected item's index in the pool.
    pub fn selected(&self) -> Option<usize> {
        self.view.get(self.sel).copied()
    }

    /// Filter again (the pool or the filter changed).
    pub fn refresh(&mut self, doc: &Session) {
        let query = self.filter.trim().to_lowercase();
        self.view = doc
            .pool()
            .iter()
            .enumerate()
            .filter(|(_, item)| query.is_empty() || item_matches(item, &query))
            .map(|(k, _)| k)
            .collect();
        self.sel = self.sel.min(self.view.len().saturating_sub(1));
    }

    /// Show and select the pooled item `id` (clearing the filter).
    pub fn select_id(&mut self, doc: &Session, id: &str) {
        self.filter.clear();
        self.filtering = false;
        self.refresh(doc);
        if let Some(Loc::Pool(k)) = doc.locate(id) {
            self.sel = self.view.iter().position(|&v| v == k).unwrap_or(0);
        }
    }

    /// The rectangle of the list inside the pane at `area` (below the filter line).
    fn list_area(&self, area: Rect) -> Rect {
        let inner = inner(area);
        if self.filtering || !self.filter.is_empty() {
            Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner }
        } else {
            inner
        }
    }

    /// Items that fit in the pane at `area` (two lines each).
    pub fn rows(&self, area: Rect) -> usize {
        (self.list_area(area).height as usize / 2).max(1)
    }

    /// Scroll so that the selection is visible in the pane at `area`.
    pub fn keep_visible(&mut self, area: Rect) {
        self.offset = scroll_to(self.offset, self.sel, self.rows(area), self.view.len());
    }

    /// The list row under a click, if any.
    pub fn hit(&self, area: Rect, row: u16) -> Option<usize> {
        let list = self.list_area(area);
        let k = self.offset + (row.checked_sub(list.y)? as usize) / 2;
        (row < list.y + list.height && k < self.view.len()).then_some(k)
    }

    /// The commands for `msg`, or `None` when it is not the pool's.
    pub fn update(&mut self, msg: &Msg, cx: &Cx, area: Rect, place_at: ItemPos) -> Option<Vec<Cmd>> {
        let doc = cx.doc;
        let page = self.rows(area).saturating_sub(1).max(1) as isize;
        let len = self.view.len();
        if self.filtering {
            match msg {
                Msg::Type(key) => {
                    match key.code {
                        KeyCode::Backspace => {
                            self.filter.pop();
                        }
                        KeyCode::Char(c)
                            if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
                        {
                            self.filter.push(c)
                        }
                        _ => {}
                    }
                    self.sel = 0;
                    self.refresh(doc);
                    return Some(vec![]);
                }
                Msg::Paste(text) => {
                    self.filter.push_str(clean_input(text).lines().next().unwrap_or(""));
                    self.sel = 0;
                    self.refresh(doc);
                    return Some(vec![]);
                }
                Msg::Do(Action::Confirm) => {
                    self.filtering = false;
                    return Some(vec![]);
                }
                Msg::Do(Action::Cancel) => {
                    self.filtering = false;
                    self.filter.clear();
                    self.refresh(doc);
                    return Some(vec![]);
                }
                // Moving in the list ends the typing, keeping the filter.
                Msg::Do(Action::Up | Action::Down) => self.filtering = false,
                _ => {}
            }
        }
        let out = match msg {
            Msg::Do(Action::Up) => self.go(moved(self.sel, -1, len)),
            Msg::Do(Action::Down) => self.go(moved(self.sel, 1, len)),
            Msg::Do(Action::PageUp) => self.go(moved(self.sel, -page, len)),
            Msg::Do(Action::PageDown) => self.go(moved(self.sel, page, len)),
            Msg::Do(Action::Top) => self.go(0),
            Msg::Do(Action::Bottom) => self.go(len.saturating_sub(1)),
            Msg::Do(Action::Filter) => {
                self.filtering = true;
                vec![]
            }
            // Esc after `/` … Enter: the whole pool again.
            Msg::Do(Action::Cancel) if !self.filter.is_empty() => {
                self.filter.clear();
                self.refresh(doc);
                vec![]
            }
            Msg::Do(Action::Place) => self.place(doc, place_at),
            Msg::Do(Action::Edit) if self.selected().is_some() => vec![Cmd::Edit],
            Msg::Do(Action::NewItem) => new_item(doc, ""),
            Msg::Paste(text) => new_item(doc, text),
            Msg::Do(Action::DeleteItem) => self.delete(cx),
            _ => return None,
        };
        Some(out)
    }

    fn go(&mut self, sel: usize) -> Vec<Cmd> {
        self.sel = sel;
        vec![]
    }

    fn place(&self, doc: &Session, at: ItemPos) -> Vec<Cmd> {
        if doc.read_only {
            return vec![Cmd::Say(Message::ReadOnly)];
        }
        let Some(k) = self.selected() else { return vec![Cmd::Say(Message::NoPoolSelection)] };
        let item = &doc.pool()[k];
        let step = Step::new(doc.place_ops(k, at))
            .select(Select::Item(item.id.clone()))
            .say(Message::Placed(item.headline_line()));
        vec![Cmd::Step(step)]
    }

    fn delete(&self, cx: &Cx) -> Vec<Cmd> {
        let doc = cx.doc;
        if doc.read_only {
            return vec![Cmd::Say(Message::ReadOnly)];
        }
        let Some(k) = self.selected() else { return vec![] };
        let item = doc.pool()[k].clone();
        let lang = cx.env.lang;
        let headline = item.headline_line();
        let message = match lang {
            crate::lang::Lang::Zh => {
                format!("删除“{headline}”？文件将移入工作区的回收站（trash/），不会被销毁。")
            }
            crate::lang::Lang::En => {
                format!(
                    "Delete “{headline}”? Its file moves to the workspace's trash/ folder; nothing is destroyed."
                )
            }
        };
        let remove = Step::new(vec![Op::RemovePool { index: k, item: Box::new(item) }]);
        let confirm = Confirm::new(ConfirmKind::DeleteItem, lang.pick("删除稿件", "Delete item"), message)
            .button(lang.pick("是", "Yes"), vec![Cmd::Step(remove)])
            .button(lang.pick("否", "No"), vec![])
            .selected(1);
        vec![Cmd::Push(Layer::Confirm(confirm))]
    }

    pub fn render(&self, f: &mut Frame, area: Rect, cx: &Cx, focused: bool) {
        let (env, doc) = (cx.env, cx.doc);
        let t = &env.theme;
        let lang = env.lang;
        let preview = doc.pool_preview();
        let count = preview.map_or(self.view.len(), <[_]>::len);
        let title = format!(" {} ({count}) ", lang.pick("稿件池", "Pool"));
        f.render_widget(block(env, &title, focused), area);
        let inner = inner(area);
        if self.filtering || !self.filter.is_empty() {
            let caret = if self.filtering { "▏" } else { "" };
            let line = Line::from(vec![
                Span::styled(format!("/{} ", lang.pick("筛选", "Filter")), t.accent),
                Span::styled(format!("{}{caret}", self.filter), t.text),
            ]);
            f.render_widget(Paragraph::new(line), Rect { height: 1, ..inner });
        }
        let list = self.list_area(area);
        let width = list.width as usize;
        let height = (list.height as usize / 2).max(1);
        let sep = &doc.issue().layout.source_separator;
        let style_of = |selected: bool| match (selected, focused) {
            (true, true) => t.selected,
            (true, false) => t.selected_unfocused,
            _ => t.text,
        };
        let mut lines = Vec::with_capacity(height * 2);
        if let Some(rows) = preview {
            // The pool is being read: its rows from the index, newest first.
            for (k, row) in rows.iter().enumerate().take(height) {
                lines.extend(row_lines(
                    cx,
                    style_of(k == 0),
                    k == 0,
                    row.received,
                    &row.headline_line(),
                    row.zi,
                    &row.sources.join(sep),
                    "",
                    width,
                ));
            }
        } else if self.view.is_empty() {
            let text = if doc.pool().is_empty() {
                lang.pick(
                    "（稿件池是空的。按 n 新建，或粘贴文字）",
                    "(The pool is empty. Press n for a new item, or paste text.)",
                )
            } else {
                lang.pick("（没有符合筛选的稿件）", "(No item matches the filter.)")
            };
            f.render_widget(Paragraph::new(Span::styled(text, t.dim)).wrap(Wrap { trim: true }), list);
            return;
        } else {
            for (k, &index) in self.view.iter().enumerate().skip(self.offset).take(height) {
                let item = &doc.pool()[index];
                let selected = k == self.sel;
                let sources = item.sources.join(sep);
                lines.extend(row_lines(
                    cx,
                    style_of(selected),
                    selected,
                    item.received,
                    &item.headline_line(),
                    item.zi_count(),
                    &sources,
                    &item.notes,
                    width,
                ));
            }
        }
        f.render_widget(Paragraph::new(lines), list);
    }
}

/// A new pooled item from text (first line the headline), then the editor on it.
fn new_item(doc: &Session, text: &str) -> Vec<Cmd> {
    if doc.read_only {
        return vec![Cmd::Say(Message::ReadOnly)];
    }
    if doc.ws.is_none() {
        return vec![Cmd::Say(Message::NoWorkspace)];
    }
    let text = clean_input(text);
    let today = Date::today();
    // A whole submission pasted (headline, paragraphs, perhaps a header and a source):
    // read as a file of it is, each item in the pool, one step.
    if text.lines().filter(|l| !l.trim().is_empty()).count() >= 2
        && crate::import::submission::looks_like(&text)
    {
        let found = crate::import::parse_text(&text, false, "UTF-8");
        let taken = |id: &str| {
            doc.locate(id).is_some()
                || doc.ws.as_ref().is_some_and(|ws| {
                    ws.pool_path(id).exists() || ws.trash_dir().join(format!("{id}.toml")).exists()
                })
        };
        let items = crate::import::items(&found, crate::import::id_maker(today, taken));
        if let Some(first) = items.first().map(|i| i.id.clone()) {
            // One item opens in the Editor, as a typed one does; several stay in the pool.
            let select = if items.len() == 1 { Select::EditPooled(first) } else { Select::Pooled(first) };
            let mut pool = doc.pool().to_vec();
            let mut ops = Vec::new();
            for mut item in items {
                item.received = item.received.or(Some(today));
                let index = pool_slot(&pool, &item);
                pool.insert(index, item.clone());
                ops.push(Op::InsertPool { index, item: Box::new(item) });
            }
            return vec![Cmd::Step(Step::new(ops).select(select))];
        }
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut item = Item::new(doc.new_id(today), lines.next().unwrap_or(""));
    item.received = Some(today);
    let body: Vec<&str> = lines.collect();
    if !body.is_empty() {
        item.body = format!("{}\n", body.join("\n"));
    }
    let index = pool_slot(doc.pool(), &item);
    let id = item.id.clone();
    vec![Cmd::Step(
        Step::new(vec![Op::InsertPool { index, item: Box::new(item) }]).select(Select::EditPooled(id)),
    )]
}

/// The two lines of one pooled item: date, headline and 字数; then the sources, dimmed.
#[allow(clippy::too_many_arguments)]
fn row_lines(
    cx: &Cx,
    style: ratatui::style::Style,
    selected: bool,
    received: Option<Date>,
    headline: &str,
    zi: usize,
    sources: &str,
    note: &str,
    width: usize,
) -> [Line<'static>; 2] {
    let t = &cx.env.theme;
    let date = received.map_or("     ".to_string(), |d| format!("{:02}-{:02}", d.month(), d.day()));
    let count = format!("{zi}字");
    let room = width.saturating_sub(cells(&date) + 1 + cells(&count) + 1);
    let headline = if headline.is_empty() { "—" } else { headline };
    let dim = if selected { style } else { t.dim };
    [
        Line::from(vec![
            Span::styled(format!("{date} "), dim),
            Span::styled(pad(headline, room), style),
            Span::styled(pad_left(&count, cells(&count) + 1), dim),
        ]),
        second_line(cx, dim, sources, note, width),
    ]
}

/// Sources, dimmed; then the first line of a note left on the item, marked.
fn second_line(
    cx: &Cx,
    dim: ratatui::style::Style,
    sources: &str,
    note: &str,
    width: usize,
) -> Line<'static> {
    let note = note.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let room = width.saturating_sub(6);
    if note.is_empty() {
        return Line::from(Span::styled(pad(&format!("      {}", fit(sources, room)), width), dim));
    }
    let sources = fit(sources, room / 2);
    let mark = crate::tui::panes::outline::NOTE_MARK;
    let mark = format!("{}{note}", if sources.is_empty() { mark.trim_start() } else { mark });
    let mark = fit(&mark, room.saturating_sub(cells(&sources)));
    let rest = width.saturating_sub(6 + cells(&sources) + cells(&mark));
    Line::from(vec![
        Span::styled(format!("      {sources}"), dim),
        Span::styled(mark, cx.env.theme.error),
        Span::raw(" ".repeat(rest)),
    ])
}
